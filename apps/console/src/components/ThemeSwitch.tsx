import { useState } from "react";
import { saveTheme, storedTheme, type ThemeChoice } from "../lib/theme";

/** System / light / dark, remembered in this browser (localStorage). */
export function ThemeSwitch() {
  const [choice, setChoice] = useState<ThemeChoice>(storedTheme);
  return (
    <label className="theme-switch">
      <span className="sr-only">Colour theme</span>
      <select
        value={choice}
        onChange={(e) => {
          const next = e.target.value as ThemeChoice;
          setChoice(next);
          saveTheme(next);
        }}
      >
        <option value="system">System theme</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
