/** Where the `next dev` smoke story runs: the Playwright project's baseURL and the server it starts. */
export const DEV_PORT = Number(process.env.E2E_DEV_PORT ?? 3101);
export const DEV_BASE_URL = `http://localhost:${DEV_PORT}`;
