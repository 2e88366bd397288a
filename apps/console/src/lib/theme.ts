/** The console's colour theme: the system's (prefers-color-scheme), or one the person picked. */
export type ThemeChoice = "system" | "light" | "dark";

const KEY = "gatehouse.theme";

export function storedTheme(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === "light" || v === "dark" ? v : "system";
  } catch {
    // Storage can be off (privacy settings): follow the system.
    return "system";
  }
}

/** "system" leaves the choice to the CSS media query (styles/theme.css). */
export function applyTheme(choice: ThemeChoice): void {
  if (choice === "system") delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = choice;
}

export function saveTheme(choice: ThemeChoice): void {
  try {
    if (choice === "system") localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  } catch {
    // Not remembered, but still applied to this page.
  }
  applyTheme(choice);
}
