import { readFileSync } from 'node:fs';

/** The package's version: src/cli/ under vitest, dist/src/cli/ when built. */
export function packageVersion(): string {
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as {
        name: string;
        version: string;
      };
      if (pkg.name === 'xpmigrate') return pkg.version;
    } catch {
      // not at this level
    }
  }
  return '0.0.0';
}
