import { afterEach, describe, expect, test } from "vitest";
import { desktopFont } from "./window";

const shell = window as { __PRAXIS_DESKTOP_FONT__?: unknown };

afterEach(() => {
  delete shell.__PRAXIS_DESKTOP_FONT__;
});

describe("desktopFont", () => {
  test("gives the family the shell named before the page started, trimmed", () => {
    shell.__PRAXIS_DESKTOP_FONT__ = " Adwaita Sans ";
    expect(desktopFont()).toBe("Adwaita Sans");
  });

  test("gives nothing where the shell named no font, or something that is not a name", () => {
    expect(desktopFont()).toBeNull();
    shell.__PRAXIS_DESKTOP_FONT__ = "  ";
    expect(desktopFont()).toBeNull();
    shell.__PRAXIS_DESKTOP_FONT__ = 11;
    expect(desktopFont()).toBeNull();
  });
});
