/** The port the e2e server's mail catcher inbox listens on when E2E_INBOX_PORT is not set. */
export const E2E_INBOX_PORT = 11080;
