import type { DockviewPanelApi } from 'dockview-react';
import { useEffect, useState } from 'react';

/** Whether a dock panel is on screen (not a hidden tab): what the trader can have seen. */
export function usePanelVisible(api: DockviewPanelApi): boolean {
  const [visible, setVisible] = useState(api.isVisible);
  useEffect(() => {
    setVisible(api.isVisible);
    const sub = api.onDidVisibilityChange((e) => setVisible(e.isVisible));
    return () => sub.dispose();
  }, [api]);
  return visible;
}
