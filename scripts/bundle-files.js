// The files the offline bundle adds around the app: its launchers and INSTALL.md (de and en).

/** Linux: runs the Node.js beside it by its own path, whatever `node` is on PATH. */
export const launcherSh = (nodeVersion) => `#!/bin/sh
# xpmigrate with the Node.js ${nodeVersion} of this folder, whatever node is on PATH.
# Only the shell's own builtins are needed (PATH may be empty): the folder is cut from $0, and a
# link to this file (/usr/local/bin/xpmigrate) is followed where readlink is there to read it.
self=$0
folder() { case $1 in */*) echo "\${1%/*}" ;; *) echo . ;; esac; }
while [ -L "$self" ] && command -v readlink >/dev/null 2>&1; do
  link=$(readlink "$self")
  case $link in
    /*) self=$link ;;
    *) self=$(folder "$self")/$link ;;
  esac
done
here=$(cd -P "$(folder "$self")" 2>/dev/null && pwd) || {
  echo "xpmigrate: Der Ordner von $0 ist nicht lesbar. / The folder of $0 cannot be read." >&2
  exit 2
}
if [ ! -x "$here/node/bin/node" ] || [ ! -r "$here/app/bin/xpmigrate.js" ]; then
  echo "xpmigrate: $here ist unvollständig oder nicht lesbar; das ZIP neu entpacken. / $here is incomplete or cannot be read; unzip the bundle again." >&2
  exit 2
fi
exec "$here/node/bin/node" "$here/app/bin/xpmigrate.js" "$@"
`;

/**
 * Windows: the same, and a clear refusal on a Windows older than Node.js ${'24'} supports
 * (Windows Server 2012 R2 is 6.3; Node.js 24 needs Windows 10 / Server 2016, version 10.0).
 */
export const launcherCmd = (nodeVersion) => `@echo off
rem xpmigrate with the Node.js ${nodeVersion} of this folder, whatever node is on PATH.
setlocal
set "HERE=%~dp0"
for /f "tokens=4 delims=[]. " %%a in ('ver') do set "WINMAJOR=%%a"
if "%WINMAJOR%"=="" set "WINMAJOR=10"
if %WINMAJOR% LSS 10 (
  echo xpmigrate: Dieses Windows ist zu alt fuer Node.js ${nodeVersion}: Windows Server 2016 oder neuer wird gebraucht. 1>&2
  echo xpmigrate: This Windows is too old for Node.js ${nodeVersion}: Windows Server 2016 or newer is needed. 1>&2
  exit /b 2
)
if not exist "%HERE%node\\node.exe" goto incomplete
if not exist "%HERE%app\\bin\\xpmigrate.js" goto incomplete
"%HERE%node\\node.exe" "%HERE%app\\bin\\xpmigrate.js" %*
exit /b %ERRORLEVEL%
:incomplete
echo xpmigrate: %HERE% ist unvollstaendig oder nicht lesbar; das ZIP neu entpacken. 1>&2
echo xpmigrate: %HERE% is incomplete or cannot be read; unzip the bundle again. 1>&2
exit /b 2
`;

export function installText({ version, platform, nodeVersion, zip }) {
  const windows = platform === 'win32-x64';
  const folder = windows ? 'C:\\Program Files\\xpmigrate' : '/opt/xpmigrate';
  const cmd = windows ? '"C:\\Program Files\\xpmigrate\\xpmigrate.cmd"' : '/opt/xpmigrate/xpmigrate';
  const hash = windows
    ? `Get-FileHash -Algorithm SHA256 .\\${zip}   # = ${zip}.sha256`
    : `sha256sum -c ${zip}.sha256`;
  const unzip = windows
    ? `Expand-Archive .\\${zip} -DestinationPath 'C:\\Program Files'; Rename-Item 'C:\\Program Files\\${zip.replace(/\.zip$/, '')}' xpmigrate`
    : `unzip ${zip} -d /opt && mv /opt/${zip.replace(/\.zip$/, '')} /opt/xpmigrate`;
  return `# xpmigrate ${version} (${platform})

Deutsch unten. / German below.

## English

This folder is xpmigrate with its own Node.js ${nodeVersion}: nothing is downloaded, nothing is
compiled, no Node.js or npm is needed on the server.

1. Check the zip against its hash (copied with it): \`${hash}\`
2. Unzip it to \`${folder}\` (as an administrator): \`${unzip}\`
${
  windows
    ? `   Why there and not in a folder under \`C:\\\\\`: after a reboot the startup task runs xpmigrate as
   SYSTEM; in \`C:\\\\Program Files\` only administrators may change its files, while in a new folder
   under \`C:\\\\\` every user may write, and so could replace what SYSTEM runs.\n`
    : ''
}3. First commands (an elevated console):
   \`${cmd} --version\` (shows Node.js and the SQLite driver, node:sqlite)
   \`${cmd} plan --from 8\`
   \`${cmd} doctor --from 8 --target A\`
   \`${cmd} start --simulate --from 8 --target A --auto-confirm\` (a rehearsal, changes nothing)

## Deutsch

Dieser Ordner ist xpmigrate mit eigenem Node.js ${nodeVersion}: es wird nichts heruntergeladen und
nichts kompiliert; auf dem Server wird weder Node.js noch npm gebraucht.

1. Das ZIP gegen seine Prüfsumme prüfen (mitgeliefert): \`${hash}\`
2. Nach \`${folder}\` entpacken (als Administrator): \`${unzip}\`
${
  windows
    ? `   Warum dort und nicht in einem Ordner unter \`C:\\\\\`: nach einem Neustart startet die Aufgabe
   xpmigrate als SYSTEM; in \`C:\\\\Program Files\` dürfen nur Administratoren die Dateien ändern, in
   einem neuen Ordner unter \`C:\\\\\` darf jeder Benutzer schreiben und so austauschen, was SYSTEM startet.\n`
    : ''
}3. Erste Befehle (Konsole mit Administratorrechten):
   \`${cmd} --version\` (zeigt Node.js und den SQLite-Treiber, node:sqlite)
   \`${cmd} plan --from 8 --lang de\`
   \`${cmd} doctor --from 8 --target A --lang de\`
   \`${cmd} start --simulate --from 8 --target A --auto-confirm --lang de\` (eine Probe, ändert nichts)
`;
}
