// Tests sign in through the same programmatic client as `npm run token`.
export * from '../../scripts/auth-emulator/sign-in-client';
