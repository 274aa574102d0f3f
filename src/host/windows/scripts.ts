import { type PsScript, ps, raw, script, windowsArg } from './script.js';

/** Every PowerShell script the Windows host runs; each prints one JSON value. */

export const XPHONE_KEY = 'HKLM:\\SOFTWARE\\C4B\\XPhoneServer';
export const RESUME_TASK = { name: 'xpmigrate-resume', path: '\\xpmigrate\\' } as const;

const json = raw('ConvertTo-Json -Compress -Depth 6');

/**
 * The `Atlas%` services with their state, start mode (Auto, Manual, Disabled) and the account
 * they run as (step 7's service account).
 */
export const atlasServices = (): PsScript =>
  script(
    'read Atlas services',
    ps`@(Get-CimInstance -ClassName Win32_Service -Filter "Name LIKE 'Atlas%'" | ForEach-Object { [pscustomobject]@{ name = $_.Name; state = [string]$_.State; startMode = [string]$_.StartMode; account = [string]$_.StartName } }) | ${json}`,
  );

/** The local SQL Server services (MSSQLSERVER, MSSQL$INSTANCE) with their start type. */
export const sqlServices = (): PsScript =>
  script(
    'read SQL Server services',
    ps`@(Get-Service -Name 'MSSQLSERVER','MSSQL$*' -ErrorAction SilentlyContinue | ForEach-Object { [pscustomobject]@{ name = $_.Name; state = [string]$_.Status; startType = [string]$_.StartType } }) | ${json}`,
  );

/**
 * Stops or starts the `Atlas%` services, each waited for at most `timeoutSeconds`: Stop-Service
 * and Start-Service wait without limit on a service that hangs in StopPending, so the
 * ServiceController's own Stop()/Start() and WaitForStatus(timeout) are used. Starting touches
 * only the services whose start type is Automatic (what Windows itself starts at boot); a
 * Disabled or Manual one is left as it is and named, and one that fails does not stop the rest.
 */
export const setAtlasServices = (target: 'Running' | 'Stopped', timeoutSeconds: number): PsScript =>
  script(
    target === 'Running' ? 'start Atlas services' : 'stop Atlas services',
    ps`$timeout = [TimeSpan]::FromSeconds(${raw(timeoutSeconds)})
$acted = @(); $late = @(); $skipped = @()
foreach ($s in @(Get-Service -Name 'Atlas*' -ErrorAction SilentlyContinue)) {
  if (${target} -eq 'Running') {
    if ([string]$s.StartType -notlike 'Automatic*') { $skipped += $s.Name; continue }
    if ([string]$s.Status -eq 'Running') { continue }
    try { $s.Start() } catch { $late += $s.Name; continue }
  } else {
    if ([string]$s.Status -eq 'Stopped') { continue }
    try { $s.Stop() } catch { $late += $s.Name; continue }
  }
  $acted += $s
}
foreach ($s in $acted) { try { $s.WaitForStatus(${target}, $timeout) } catch { $late += $s.Name } }
[pscustomobject]@{ services = @($acted | ForEach-Object { $_.Name }); late = $late; skipped = $skipped } | ${json}`,
  );

/** One registry value, or null when the key or value is absent. */
export const registryValue = (key: string, name: string): PsScript =>
  script(
    `read ${key}\\${name}`,
    ps`$item = Get-ItemProperty -LiteralPath ${key} -ErrorAction SilentlyContinue
if ($item -and ($item.PSObject.Properties.Name -contains ${name})) { $item.${name} | ${json} } else { 'null' }`,
  );

/**
 * The ODBC drivers installed for 64-bit programs: the value names under
 * `HKLM\SOFTWARE\ODBC\ODBCINST.INI\ODBC Drivers` whose data is "Installed" ("ODBC Drivers
 * Subkey", Microsoft's ODBC documentation). Get-ItemProperty adds PSPath and friends; their
 * values are never "Installed".
 */
export const odbcDrivers = (): PsScript =>
  script(
    'read the installed ODBC drivers',
    ps`$item = Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\ODBC\\ODBCINST.INI\\ODBC Drivers' -ErrorAction SilentlyContinue
@(if ($item) { $item.PSObject.Properties | Where-Object { [string]$_.Value -eq 'Installed' } | ForEach-Object { [string]$_.Name } }) | ${json}`,
  );

/**
 * Before a real run: is this console elevated (an administrator's token, not the filtered one
 * UAC gives), and is the store's drive a network drive (Win32_LogicalDisk DriveType 4)? SQLite's
 * WAL needs shared memory that network file systems do not give ("WAL mode", sqlite.org).
 */
export const preflight = (storeFile: string): PsScript =>
  script(
    'check elevation and the store drive',
    ps`$elevated = ([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
$drive = [IO.Path]::GetPathRoot(${storeFile}).TrimEnd('\\')
$disk = if ($drive -match '^[A-Za-z]:$') { Get-CimInstance -ClassName Win32_LogicalDisk -Filter ("DeviceID='" + $drive + "'") } else { $null }
[pscustomobject]@{ elevated = $elevated; network = ($disk -and $disk.DriveType -eq 4); drive = $drive } | ${json}`,
  );

/**
 * What only a boot changes: the record number of the kernel's "The operating system started"
 * event (System log, Microsoft-Windows-Kernel-General, id 12), written once per boot.
 * LastBootUpTime is not: WMI derives it from the clock and the uptime, so a time sync or a VM
 * resumed from a saved state moves it. Without that event (a cleared log), LastBootUpTime.
 */
export const bootIdentity = (): PsScript =>
  script(
    'read the boot identity',
    ps`$boot = Get-WinEvent -FilterHashtable @{ LogName = 'System'; ProviderName = 'Microsoft-Windows-Kernel-General'; Id = 12 } -MaxEvents 1 -ErrorAction SilentlyContinue
if ($boot) { ('event-' + [string]$boot.RecordId) | ${json} }
else { ('time-' + (Get-CimInstance -ClassName Win32_OperatingSystem).LastBootUpTime.ToUniversalTime().ToString('o')) | ${json} }`,
  );

export const restartComputer = (): PsScript =>
  script('restart the server', ps`Restart-Computer -Force; 'true'`);

/**
 * The task that runs `xpmigrate resume` at startup as SYSTEM, in the store's folder. `command[0]`
 * is the program, the rest its arguments, joined as Windows reads a command line.
 */
export const registerResumeTask = (command: string[], workingDirectory?: string): PsScript => {
  const [program = 'xpmigrate', ...args] = command;
  // Without a working folder a task starts in C:\Windows\System32 (Task Scheduler's default).
  const folder = workingDirectory ? ps` -WorkingDirectory ${workingDirectory}` : raw('');
  return script(
    'register the resume task',
    ps`$action = New-ScheduledTaskAction -Execute ${program} -Argument ${args.map(windowsArg).join(' ')}${folder}
$trigger = New-ScheduledTaskTrigger -AtStartup
$principal = New-ScheduledTaskPrincipal -UserId 'SYSTEM' -LogonType ServiceAccount -RunLevel Highest
$settings = New-ScheduledTaskSettingsSet -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries -StartWhenAvailable -ExecutionTimeLimit ([TimeSpan]::Zero)
Register-ScheduledTask -TaskName ${RESUME_TASK.name} -TaskPath ${RESUME_TASK.path} -Action $action -Trigger $trigger -Principal $principal -Settings $settings -Force | Out-Null
'true'`,
  );
};

export const removeResumeTask = (): PsScript =>
  script(
    'remove the resume task',
    ps`Unregister-ScheduledTask -TaskName ${RESUME_TASK.name} -TaskPath ${RESUME_TASK.path} -Confirm:$false -ErrorAction SilentlyContinue; 'true'`,
  );

/** Step 7a: the IIS application pool runs as the service account. The password comes from the environment. */
export const setAppPoolIdentity = (pool: string, account: string, passwordVariable: string): PsScript =>
  script(
    `set the identity of application pool ${pool}`,
    ps`Import-Module WebAdministration
$path = 'IIS:\\AppPools\\' + ${pool}
if (-not (Test-Path -LiteralPath $path)) { throw ('application pool not found: ' + ${pool}) }
Set-ItemProperty -LiteralPath $path -Name processModel -Value @{ userName = ${account}; password = [Environment]::GetEnvironmentVariable(${passwordVariable}); identityType = 3 }
[pscustomobject]@{ pool = ${pool}; identity = (Get-ItemProperty -LiteralPath $path -Name processModel).userName } | ${json}`,
  );

export const appPoolIdentity = (pool: string): PsScript =>
  script(
    `read the identity of application pool ${pool}`,
    ps`Import-Module WebAdministration
$model = Get-ItemProperty -LiteralPath ('IIS:\\AppPools\\' + ${pool}) -Name processModel
[pscustomobject]@{ identityType = [string]$model.identityType; userName = [string]$model.userName } | ${json}`,
  );

/**
 * One of the vendor's BAT scripts (SQL Express upgrade), in its own folder, its output kept for
 * the journal. `cmd /s /c ""file""`: /s strips the outer quotes and leaves the path quoted.
 */
/**
 * Runs one of the vendor's BAT files through cmd and waits as long as it takes (SQL setup runs
 * for a long time; killing PowerShell would orphan setup.exe). Its stdin is an empty file, so a
 * `pause` reads end-of-input instead of hanging; its output is read in the OEM code page cmd
 * writes (850 on a German server). Then SQL setup's own verdict: the newest Summary.txt's
 * "Final result" line (under %ProgramFiles%\Microsoft SQL Server\<nnn>\Setup Bootstrap\Log, "View
 * and read SQL Server Setup log files", Microsoft Learn) and whether the new instance's service runs.
 */
export const runBatch = (file: string, instance: string): PsScript =>
  script(
    `run ${file}`,
    ps`$out = [IO.Path]::GetTempFileName(); $err = [IO.Path]::GetTempFileName(); $in = [IO.Path]::GetTempFileName()
$started = Get-Date
$p = Start-Process -FilePath $env:ComSpec -ArgumentList ${`/d /s /c ""${file}""`} -WorkingDirectory (Split-Path -LiteralPath ${file}) -Wait -PassThru -NoNewWindow -RedirectStandardInput $in -RedirectStandardOutput $out -RedirectStandardError $err
$summary = Get-ChildItem -Path ($env:ProgramFiles + '\\Microsoft SQL Server\\*\\Setup Bootstrap\\Log\\Summary.txt') -ErrorAction SilentlyContinue | Where-Object { $_.LastWriteTime -ge $started } | Sort-Object LastWriteTime -Descending | Select-Object -First 1
$final = if ($summary) { [string](Select-String -LiteralPath $summary.FullName -Pattern '^\\s*Final result:\\s*(.*)$' | Select-Object -First 1 | ForEach-Object { $_.Matches[0].Groups[1].Value.Trim() }) } else { '' }
$service = Get-Service -Name ${`MSSQL$${instance}`} -ErrorAction SilentlyContinue
$result = [pscustomobject]@{ exitCode = $p.ExitCode; output = [string](Get-Content -LiteralPath $out -Raw -Encoding Oem); errors = [string](Get-Content -LiteralPath $err -Raw -Encoding Oem); finalResult = $final; serviceRunning = ($service -and $service.Status -eq 'Running') }
Remove-Item -LiteralPath $out, $err, $in -ErrorAction SilentlyContinue
$result | ${json}`,
  );

/** The XPhone Server's version: its uninstall entry, else the file version of atlasservice.exe. */
export const installedVersion = (): PsScript =>
  script(
    'read the installed XPhone version',
    ps`$entry = Get-ChildItem -LiteralPath 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall','HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall' -ErrorAction SilentlyContinue | Get-ItemProperty -ErrorAction SilentlyContinue | Where-Object { $_.DisplayName -like 'XPhone*Server*' } | Select-Object -First 1
if ($entry) { [string]$entry.DisplayVersion | ${json} }
else {
  $dir = (Get-ItemProperty -LiteralPath ${XPHONE_KEY} -ErrorAction SilentlyContinue).InstallDir
  $exe = if ($dir) { Join-Path $dir 'atlasservice.exe' } else { $null }
  if ($exe -and (Test-Path -LiteralPath $exe)) { (Get-Item -LiteralPath $exe).VersionInfo.ProductVersion | ${json} } else { 'null' }
}`,
  );

/** The SQL Server instance names installed on this machine. */
export const sqlInstances = (): PsScript =>
  script(
    'read SQL Server instances',
    ps`$names = (Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Microsoft\\Microsoft SQL Server\\Instance Names\\SQL' -ErrorAction SilentlyContinue).PSObject.Properties | Where-Object { $_.Name -notlike 'PS*' } | ForEach-Object { $_.Name }
@($names) | ${json}`,
  );

/** Does XPhone UC 2011 (V4) sit on this machine? Its uninstall entry says so. */
export const xphoneV4Installed = (): PsScript =>
  script(
    'look for XPhone UC 2011',
    ps`$v4 = Get-ChildItem -LiteralPath 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall','HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall' -ErrorAction SilentlyContinue | Get-ItemProperty -ErrorAction SilentlyContinue | Where-Object { $_.DisplayName -like 'XPhone*' -and ([string]$_.DisplayVersion).StartsWith('4.') }
[bool]$v4 | ${json}`,
  );

export const osVersion = (): PsScript =>
  script(
    'read the Windows version',
    ps`$os = Get-CimInstance -ClassName Win32_OperatingSystem
([string]$os.Caption + ' ' + [string]$os.Version) | ${json}`,
  );

/**
 * What `twin collect` reads, in one script: the Atlas services, the IIS application pools (only
 * when the WebAdministration module is there: a server without IIS has none), the fixed disks
 * (DriveType 3, "Win32_LogicalDisk") and the machine's maker and model (a VM names its hypervisor).
 */
export const inventory = (): PsScript =>
  script(
    'read the machine for its twin',
    ps`$services = @(Get-CimInstance -ClassName Win32_Service -Filter "Name LIKE 'Atlas%'" | ForEach-Object { [pscustomobject]@{ name = $_.Name; state = [string]$_.State; startMode = [string]$_.StartMode; account = [string]$_.StartName } })
$pools = @(); $poolsError = $null
if (Get-Module -ListAvailable -Name WebAdministration) {
  # Reading IIS's configuration needs an elevated shell: without it the pools are named unread.
  try {
    Import-Module WebAdministration -ErrorAction Stop
    $pools = @(Get-ChildItem -LiteralPath 'IIS:\\AppPools' -ErrorAction Stop | ForEach-Object { $m = $_.processModel; [pscustomobject]@{ name = [string]$_.Name; identity = $(if ([string]$m.identityType -eq 'SpecificUser') { [string]$m.userName } else { [string]$m.identityType }) } })
  } catch { $poolsError = [string]$_.Exception.Message }
}
$volumes = @(Get-CimInstance -ClassName Win32_LogicalDisk -Filter 'DriveType = 3' | ForEach-Object { [pscustomobject]@{ volume = [string]$_.DeviceID; freeMb = [math]::Floor($_.FreeSpace / 1MB); sizeMb = [math]::Floor($_.Size / 1MB) } })
$cs = Get-CimInstance -ClassName Win32_ComputerSystem
[pscustomobject]@{ services = $services; appPools = $pools; appPoolsError = $poolsError; volumes = $volumes; hardware = ([string]$cs.Manufacturer + ' ' + [string]$cs.Model) } | ${json}`,
  );

/** The tool's own view of a folder or UNC path (the SQL Server has its own, see sql check). */
export const pathExists = (path: string): PsScript =>
  script(`look at ${path}`, ps`[bool](Test-Path -LiteralPath ${path}) | ${json}`);
