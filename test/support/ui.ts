import { type ChildProcess, spawn } from 'node:child_process';
import { CLI, cleanEnv } from './cli.js';

/** Starts `xpmigrate ui` as users do and reads the address it prints. */
export function startUi(state: string, more: string[] = []): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, 'ui', '--state', state, '--lang', 'en', ...more], {
    env: cleanEnv(),
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const url = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out)?.[0];
      if (url) resolve({ child, url });
    });
    child.stderr!.setEncoding('utf8').on('data', (d: string) => reject(new Error(d)));
    child.on('exit', (code) => reject(new Error(`ui exited with ${code}: ${out}`)));
  });
}
