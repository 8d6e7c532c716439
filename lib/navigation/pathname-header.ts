/** The request header proxy.ts sets to the page's path, for pages that need it (a renamed organization's old links). */
export const PATHNAME_HEADER = 'x-tenantry-pathname';
