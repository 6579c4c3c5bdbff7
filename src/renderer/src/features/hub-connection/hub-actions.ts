import type { ApiClient } from '../../api/api-client';
import type { HubStatus, ParamsIn } from '../../../../shared/contract';
import { attempt, logActivity, toast, type Outcome } from '../social/social-outcome';
import { useHubDialog } from './hub-dialog-store';
import { useHub } from './hub-store';

/** Loads the hub status into the store (on connect; events keep it current afterwards). */
export async function refreshHubStatus(api: ApiClient): Promise<void> {
  const res = await attempt(() => api.call('hub.status'));
  if (res.ok) useHub.getState().set(res.value);
}

const signedIn = (res: Outcome<HubStatus>, verb: string): void => {
  if (!res.ok) return;
  useHub.getState().set(res.value);
  const name = res.value.user?.username;
  toast('success', `${verb} as @${name ?? 'you'}`);
  logActivity('info', `Hub: ${verb.toLowerCase()} as @${name ?? '?'}`);
};

/** Signs in; field errors come back for the dialog. */
export async function signIn(api: ApiClient, params: ParamsIn<'hub.signIn'>): Promise<Outcome<HubStatus>> {
  const res = await attempt(() => api.call('hub.signIn', params));
  signedIn(res, 'Signed in');
  return res;
}

/** Creates a hub account and signs in. */
export async function signUp(api: ApiClient, params: ParamsIn<'hub.signUp'>): Promise<Outcome<HubStatus>> {
  const res = await attempt(() => api.call('hub.signUp', params));
  signedIn(res, 'Signed up');
  return res;
}

export async function signOut(api: ApiClient): Promise<void> {
  const res = await attempt(() => api.call('hub.signOut'));
  if (res.ok) {
    useHub.getState().set(res.value);
    toast('info', 'Signed out of the hub');
    logActivity('info', 'Hub: signed out');
  } else {
    toast('error', 'Sign out failed', res.message);
  }
}

/** Points the app at a remote hub (`ws(s)://…`) or back at the embedded one (null). */
export async function configureHub(api: ApiClient, url: string | null): Promise<Outcome<HubStatus>> {
  const res = await attempt(() => api.call('hub.configure', { url }));
  if (res.ok) {
    useHub.getState().set(res.value);
    toast('success', url === null ? 'Using the embedded hub' : `Using the hub at ${url}`);
    logActivity('info', `Hub: now ${url ?? 'embedded'}`);
  }
  return res;
}

/**
 * True when a member is signed in; otherwise opens the sign-in dialog saying why (`to like posts`)
 * and returns false, so the action waits for the trader to sign in.
 */
export function requireSignIn(why: string): boolean {
  if (useHub.getState().status?.user) return true;
  useHubDialog.getState().open('signIn', `Sign in ${why}.`);
  return false;
}

/** The trader-facing reaction to a failed social action: sign in when the hub asks for it, else a toast. */
export function reportFailure<T>(res: Outcome<T>, what: string): void {
  if (res.ok) return;
  if (res.code === 'UNAUTHORIZED') {
    useHubDialog.getState().open('signIn', `Sign in again: ${res.message}`);
    return;
  }
  toast('error', `${what} failed`, res.message);
}
