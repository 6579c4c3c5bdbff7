import type { ApiClient } from '../../api/api-client';
import type { Command } from '../command-palette/commands';
import { useStrategyView } from '../strategy/strategy-view-store';
import { openCopyPanel, pauseFollow, resumeFollow, setDetailTab, stopFollow } from './copy-actions';
import { openCopyDialog, openEditDialog } from './copy-dialog-actions';
import { useCopy } from './copy-store';

/** The palette's copy-trading commands: the panel, copying the strategy on screen, acting on the selected follow. */
export function copyCommands(api: ApiClient): Command[] {
  const group = 'Copy';
  const { follows, selectedId } = useCopy.getState();
  const follow = selectedId ? follows[selectedId] : undefined;
  const detail = useStrategyView.getState().detail;
  const out: Command[] = [{ id: 'copy.panel', title: 'Open Copy panel (my copies)', group, run: () => openCopyPanel(api) }];
  if (detail && !detail.publishedAccountId) {
    const { strategyId, name } = detail.strategy;
    out.push({ id: 'copy.strategy', title: `Copy strategy “${name}”…`, group, run: () => openCopyDialog({ strategyId, strategyName: name }) });
  }
  if (follow && follow.state !== 'stopped') {
    const name = follow.strategyName;
    out.push(
      follow.state === 'active'
        ? { id: 'copy.pause', title: `Pause copying ${name}`, group, run: () => pauseFollow(api, follow) }
        : { id: 'copy.resume', title: `Resume copying ${name}`, group, run: () => resumeFollow(api, follow) },
      { id: 'copy.edit', title: `Edit the copy of ${name}…`, group, run: () => openEditDialog(follow) },
      {
        id: 'copy.reconcile',
        title: `Reconcile the copy of ${name}`,
        group,
        run: () => {
          openCopyPanel(api, follow.followId);
          setDetailTab(api, 'reconcile');
        },
      },
      { id: 'copy.stop', title: `Stop copying ${name}…`, group, run: () => stopFollow(api, follow) },
    );
  }
  return out;
}
