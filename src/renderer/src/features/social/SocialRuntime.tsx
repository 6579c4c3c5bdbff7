import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { useApi } from '../../api/api-context';
import { startHubFeed } from '../hub-connection/hub-feed';
import { HubDialog } from '../hub-connection/HubDialog';
import { PublishDialog } from '../strategy/PublishDialog';
import { startSocialFeed } from './social-feed';

/** What the social features need whether or not a social panel is open: the hub status, live posts and notifications, and their dialogs. */
export function SocialRuntime() {
  const api = useApi();
  useEffect(() => startHubFeed(api), [api]);
  useEffect(() => startSocialFeed(api), [api]);
  return createPortal(
    <>
      <PublishDialog />
      {/* Last: signing in from the publish dialog opens on top of it. */}
      <HubDialog />
    </>,
    document.body,
  );
}
