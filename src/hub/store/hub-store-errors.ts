/** `hub.db` was written by a newer hub; it is refused and left untouched. */
export class HubDatabaseFromFutureError extends Error {
  constructor(
    readonly file: string,
    readonly fileVersion: number,
    readonly hubVersion: number,
  ) {
    super(
      `The hub database ${file} has schema version ${fileVersion}, but this hub only knows up to ${hubVersion}. ` +
        `It was written by a newer release: update the hub, or point it at another data directory. The file was not modified.`,
    );
    this.name = 'HubDatabaseFromFutureError';
  }
}

/** `hub.db` failed its integrity check or is not a database at all. */
export class HubDatabaseCorruptError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`The hub database ${file} failed its integrity check (${problems.slice(0, 3).join('; ')}). It was not modified. Restore a backup, or move the file away to start fresh.`);
    this.name = 'HubDatabaseCorruptError';
  }
}
