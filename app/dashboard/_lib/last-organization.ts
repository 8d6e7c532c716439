/** The cookie that remembers which organization /dashboard opens; a preference, checked against memberships on read. */
export const LAST_ORGANIZATION_COOKIE = 'tenantry-last-org';
