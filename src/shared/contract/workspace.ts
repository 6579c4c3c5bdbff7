import { z } from 'zod';
import { workspaceNameSchema, workspaceStateSchema } from '../workspace/workspace-schema';
import { defineMethod } from './define';

const savedSchema = z.object({ name: z.string(), savedAt: z.iso.datetime() });

export const workspaceMethods = {
  'workspace.current': defineMethod({
    summary: 'The workspace as it was last left (layout, panes, indicators, watchlist), or null on a new profile.',
    params: z.strictObject({}),
    result: workspaceStateSchema.nullable(),
  }),
  'workspace.saveCurrent': defineMethod({
    summary: 'Remembers the workspace as it is now, to restore at the next start.',
    params: z.strictObject({ workspace: workspaceStateSchema }),
    result: z.object({ savedAt: z.iso.datetime() }),
  }),
  'workspace.list': defineMethod({
    summary: 'Named workspaces, most recently saved first.',
    params: z.strictObject({}),
    result: z.array(savedSchema),
  }),
  'workspace.save': defineMethod({
    summary: 'Saves a workspace under a name, replacing one of the same name.',
    params: z.strictObject({ name: workspaceNameSchema, workspace: workspaceStateSchema }),
    result: savedSchema,
  }),
  'workspace.load': defineMethod({
    summary: 'A named workspace (NOT_FOUND if there is none by that name).',
    params: z.strictObject({ name: workspaceNameSchema }),
    result: workspaceStateSchema,
  }),
  'workspace.delete': defineMethod({
    summary: 'Deletes a named workspace.',
    params: z.strictObject({ name: workspaceNameSchema }),
    result: z.object({ deleted: z.boolean() }),
  }),
};
