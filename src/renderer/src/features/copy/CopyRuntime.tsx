import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { useApi } from '../../api/api-context';
import { CopyDialog } from './CopyDialog';
import { startCopyFeed } from './copy-feed';

/** What copying needs whether or not the Copy panel is open: the live follows and logs, and the copy dialog. */
export function CopyRuntime() {
  const api = useApi();
  useEffect(() => startCopyFeed(api), [api]);
  return createPortal(<CopyDialog />, document.body);
}
