import type { ApiClient } from '../../api/api-client';
import { errorMessage } from '../../api/error-message';
import { workspaceStateSchema, type WorkspaceState } from '../../../../shared/workspace/workspace-schema';
import { useActivity } from '../activity/activity-store';
import { useToasts } from '../toasts/toast-store';
import { useChartWorkspace, workspaceSnapshot } from './chart-workspace-store';

const report = (title: string, error: unknown): void => {
  const detail = errorMessage(error);
  useToasts.getState().push({ kind: 'error', title, detail });
  useActivity.getState().add('error', `${title}: ${detail}`);
};

export async function saveWorkspaceAs(api: ApiClient, name: string): Promise<void> {
  try {
    await api.call('workspace.save', { name, workspace: workspaceSnapshot(useChartWorkspace.getState()) });
    useToasts.getState().push({ kind: 'success', title: `Workspace “${name}” saved` });
  } catch (e) {
    report('Saving the workspace failed', e);
  }
}

export async function loadWorkspace(api: ApiClient, name: string): Promise<void> {
  try {
    useChartWorkspace.getState().load(await api.call('workspace.load', { name }));
    useActivity.getState().add('info', `Workspace “${name}” loaded`);
  } catch (e) {
    report(`Loading “${name}” failed`, e);
  }
}

/** The workspace as a JSON document a trader can keep or share. */
export function exportWorkspaceJson(): string {
  return JSON.stringify(workspaceSnapshot(useChartWorkspace.getState()), null, 2);
}

/** Offers the workspace as a download (`ist-workspace.json`). */
export function downloadWorkspace(): void {
  const url = URL.createObjectURL(new Blob([exportWorkspaceJson()], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'ist-workspace.json';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Opens an exported workspace file; a file that is not one is refused with the reason, nothing changed. */
export async function importWorkspaceFile(file: File): Promise<void> {
  try {
    useChartWorkspace.getState().load(importWorkspaceJson(await file.text()));
    useToasts.getState().push({ kind: 'success', title: 'Workspace imported' });
  } catch (err) {
    useToasts.getState().push({ kind: 'error', title: 'Import refused', detail: errorMessage(err) });
  }
}

/** Reads an exported workspace; a file that does not match the schema is refused with the reason. */
export function importWorkspaceJson(text: string): WorkspaceState {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error('The file is not JSON');
  }
  const parsed = workspaceStateSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Not a workspace file: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`);
  }
  return parsed.data;
}
