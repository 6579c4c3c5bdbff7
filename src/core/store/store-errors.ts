/** The database was written by a newer version of the app; we refuse to touch it. */
export class DatabaseFromFutureError extends Error {
  constructor(
    readonly file: string,
    readonly fileVersion: number,
    readonly appVersion: number,
  ) {
    super(
      `The profile database ${file} has schema version ${fileVersion}, but this version of Instant Social Trading ` +
        `only knows up to ${appVersion}. It was written by a newer release: update the app, or point it at another ` +
        `data directory. The file was not modified.`,
    );
    this.name = 'DatabaseFromFutureError';
  }
}

/** `PRAGMA quick_check` failed, or the file is not a database at all. */
export class DatabaseCorruptError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(
      `The profile database ${file} failed its integrity check (${problems.slice(0, 3).join('; ')}). ` +
        `It was not modified. Restore a backup from the "backups" folder of the data directory, or move the file away to start fresh.`,
    );
    this.name = 'DatabaseCorruptError';
  }
}

/** Another host process holds the profile. */
export class ProfileLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`The data directory ${dataDir} is in use by another Instant Social Trading process${pid > 0 ? ` (pid ${pid})` : ''}. Close it, or use another --data-dir.`);
    this.name = 'ProfileLockedError';
  }
}
