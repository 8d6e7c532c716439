import type { TestAccount } from './google-accounts';
import { escapeHtml } from './html';

export const SIGN_IN_ACTION_PATH = '/auth/v1/emulator/sign-in';

export interface SignInPageInput {
  flowId: string;
  /** Host the user is signing in to, shown as Google shows "to continue to …". */
  continueTo: string;
  accounts: readonly TestAccount[];
  avatarUrlFor(account: TestAccount): string;
  errorMessage?: string;
  previousEmail?: string;
  previousName?: string;
}

/** Stand-in for Google's account chooser: plain forms, so it works with JavaScript off and in any test driver. */
export function renderSignInPage(input: SignInPageInput): string {
  const flowField = `<input type="hidden" name="state" value="${escapeHtml(input.flowId)}">`;
  const accountItems = input.accounts
    .map(
      (account) => `
        <li>
          <form method="post" action="${SIGN_IN_ACTION_PATH}">
            ${flowField}
            <input type="hidden" name="email" value="${escapeHtml(account.email)}">
            <input type="hidden" name="name" value="${escapeHtml(account.name)}">
            <button type="submit" class="account">
              <img src="${escapeHtml(input.avatarUrlFor(account))}" alt="" width="40" height="40">
              <span class="who"><span class="name">${escapeHtml(account.name)}</span>
              <span class="email">${escapeHtml(account.email)}</span></span>
            </button>
          </form>
        </li>`,
    )
    .join('');
  const error = input.errorMessage
    ? `<p class="error" role="alert">${escapeHtml(input.errorMessage)}</p>`
    : '';

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in with Google (local emulator)</title>
<style>
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  body { margin: 0; background: #f0f4f9; color: #1f1f1f; display: grid; place-items: center; min-height: 100vh; }
  main { background: #fff; border-radius: 28px; padding: 36px 40px; width: min(440px, calc(100vw - 32px)); box-sizing: border-box; }
  h1 { font-size: 1.6rem; font-weight: 400; margin: 0 0 8px; }
  .lead { margin: 0 0 4px; }
  .note { margin: 0 0 24px; color: #444746; font-size: 0.875rem; }
  h2 { font-size: 1rem; font-weight: 500; margin: 24px 0 8px; }
  ul { list-style: none; margin: 0; padding: 0; border-top: 1px solid #e0e0e0; }
  li { border-bottom: 1px solid #e0e0e0; }
  li form { margin: 0; }
  .account { display: flex; gap: 12px; align-items: center; width: 100%; padding: 12px 8px; background: none; border: 0; text-align: left; cursor: pointer; font: inherit; color: inherit; }
  .account:hover, .account:focus-visible { background: #f1f3f4; }
  .account:focus-visible, input:focus-visible, .primary:focus-visible, .secondary:focus-visible { outline: 2px solid #0b57d0; outline-offset: 2px; }
  .account img { border-radius: 50%; }
  .who { display: flex; flex-direction: column; }
  .name { font-weight: 500; }
  .email { color: #444746; font-size: 0.875rem; }
  label { display: block; font-size: 0.875rem; margin: 12px 0 4px; }
  input[type=email], input[type=text] { width: 100%; box-sizing: border-box; padding: 10px 12px; border: 1px solid #747775; border-radius: 4px; font: inherit; }
  .actions { display: flex; justify-content: flex-end; margin-top: 16px; }
  .cancel { margin-top: 16px; }
  .primary { background: #0b57d0; color: #fff; border: 0; border-radius: 20px; padding: 10px 24px; font: inherit; cursor: pointer; }
  .secondary { background: none; color: #0b57d0; border: 0; border-radius: 20px; padding: 10px 16px; font: inherit; cursor: pointer; }
  .error { background: #fce8e6; color: #8c1d18; padding: 8px 12px; border-radius: 8px; }
</style>
</head>
<body>
<main>
  <h1>Sign in with Google (local emulator)</h1>
  <p class="lead">Choose an account to continue to <strong>${escapeHtml(input.continueTo)}</strong></p>
  <p class="note">This page stands in for Google's account chooser. Nothing leaves your machine and no password is needed.</p>
  ${error}
  <h2 id="test-accounts">Test accounts</h2>
  <ul aria-labelledby="test-accounts">${accountItems}
  </ul>
  <h2 id="other-account">Use another account</h2>
  <form method="post" action="${SIGN_IN_ACTION_PATH}" aria-labelledby="other-account">
    ${flowField}
    <label for="email">Email</label>
    <input id="email" name="email" type="email" required autocomplete="off" value="${escapeHtml(input.previousEmail ?? '')}">
    <label for="name">Full name</label>
    <input id="name" name="name" type="text" autocomplete="off" value="${escapeHtml(input.previousName ?? '')}">
    <div class="actions">
      <button type="submit" class="primary">Continue</button>
    </div>
  </form>
  <form method="post" action="${SIGN_IN_ACTION_PATH}" class="cancel">
    ${flowField}
    <input type="hidden" name="action" value="cancel">
    <button type="submit" class="secondary">Cancel</button>
  </form>
</main>
</body>
</html>
`;
}
