/** The modifier shown in shortcut hints: ⌘ on macOS, Ctrl elsewhere. */
export const MOD_KEY = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform) ? '⌘' : 'Ctrl';
