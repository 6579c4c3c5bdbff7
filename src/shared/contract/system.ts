import { z } from 'zod';
import { defineEvent, defineMethod } from './define';

export const hostKindSchema = z.enum(['electron', 'headless']);
export type HostKind = z.infer<typeof hostKindSchema>;

const noParams = z.strictObject({});

export const systemInfoSchema = z.object({
  app: z.string(),
  version: z.string(),
  host: hostKindSchema,
  dataDir: z.string(),
  schemaVersion: z.int().nonnegative(),
  startedAt: z.iso.datetime(),
});
export type SystemInfo = z.infer<typeof systemInfoSchema>;

export const systemStatusSchema = z.object({
  state: z.enum(['ok', 'degraded', 'stopping']),
  time: z.iso.datetime(),
  uptimeSeconds: z.number().nonnegative(),
  databaseBytes: z.int().nonnegative(),
});
export type SystemStatus = z.infer<typeof systemStatusSchema>;

export const systemMethods = {
  'system.info': defineMethod({
    summary: 'What is running: app name and version, host kind, data directory, schema version, start time.',
    params: noParams,
    result: systemInfoSchema,
  }),
  'system.backup': defineMethod({
    summary: 'Writes a consistent online backup of the profile database into the backups folder of the data directory.',
    params: noParams,
    result: z.object({
      path: z.string(),
      bytes: z.int().nonnegative(),
      createdAt: z.iso.datetime(),
    }),
  }),
};

export const systemEvents = {
  'system.status': defineEvent({
    summary: 'Heartbeat of the core every 5 s (and on state changes): state, time, uptime, database size.',
    payload: systemStatusSchema,
  }),
};
