// The colour theme: follows the system by default; a person can pin light or
// dark, remembered in localStorage and applied before first paint (app.html).

import { readSetting, writeSetting } from './settings';

export type ThemeChoice = 'system' | 'light' | 'dark';

const STORAGE_KEY = 'pursuit.theme';
const ORDER: ThemeChoice[] = ['system', 'light', 'dark'];

class Theme {
  choice = $state<ThemeChoice>('system');

  load(): void {
    const saved = readSetting(STORAGE_KEY);
    this.choice = saved === 'light' || saved === 'dark' ? saved : 'system';
  }

  set(choice: ThemeChoice): void {
    this.choice = choice;
    const root = document.documentElement;
    if (choice === 'system') delete root.dataset.theme;
    else root.dataset.theme = choice;
    writeSetting(STORAGE_KEY, choice === 'system' ? null : choice);
  }

  cycle(): void {
    const next = ORDER[(ORDER.indexOf(this.choice) + 1) % ORDER.length] ?? 'system';
    this.set(next);
  }
}

export const theme = new Theme();
