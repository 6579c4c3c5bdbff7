/** Product identity, shared by hosts and renderer. */
export const APP_NAME = 'Instant Social Trading';
export const APP_ID = 'org.instantsocialtrading.terminal';
