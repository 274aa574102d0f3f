# Pester runs the scripts xpmigrate generates (npm run test:real-tools writes them to
# $env:XPM_SCRIPTS as <key>.ps1, exactly as they are sent) with the cmdlets they call mocked:
# the Windows-only ones (CIM, services, scheduled tasks, Hyper-V) have no command on Linux,
# so a stub with the real parameters stands in for each before Pester mocks it.
BeforeAll {
  $dir = $env:XPM_SCRIPTS
  function Invoke-Generated([string]$key) {
    $global:LASTEXITCODE = 0
    $out = & (Join-Path $dir "$key.ps1")
    [pscustomobject]@{ json = ($out -join "`n"); code = $global:LASTEXITCODE }
  }
  function global:Get-CimInstance { [CmdletBinding()] param([string]$ClassName, [string]$Filter) }
  function global:Get-Service { [CmdletBinding()] param([string[]]$Name) }
  function global:Start-Service { [CmdletBinding()] param($InputObject) }
  function global:Stop-Service { [CmdletBinding()] param($InputObject, [switch]$Force) }
  function global:New-ScheduledTaskAction { [CmdletBinding()] param([string]$Execute, [string]$Argument, [string]$WorkingDirectory) }
  function global:New-ScheduledTaskTrigger { [CmdletBinding()] param([switch]$AtStartup) }
  function global:New-ScheduledTaskPrincipal { [CmdletBinding()] param([string]$UserId, [string]$LogonType, [string]$RunLevel) }
  function global:New-ScheduledTaskSettingsSet { [CmdletBinding()] param([switch]$AllowStartIfOnBatteries, [switch]$DontStopIfGoingOnBatteries, [switch]$StartWhenAvailable, $ExecutionTimeLimit) }
  function global:Register-ScheduledTask { [CmdletBinding()] param([string]$TaskName, [string]$TaskPath, $Action, $Trigger, $Principal, $Settings, [switch]$Force) }
  function global:Get-VM { [CmdletBinding()] param($Id) }
  function global:Get-WinEvent { [CmdletBinding()] param([hashtable]$FilterHashtable, [int]$MaxEvents) }
  function global:Stop-VM { [CmdletBinding()] param($VM, [switch]$Force, [switch]$TurnOff) }
  function global:Set-VM { [CmdletBinding()] param($VM, [string]$CheckpointType) }
  function global:Checkpoint-VM { [CmdletBinding()] param($VM, [string]$SnapshotName) }
  function global:Start-VM { [CmdletBinding()] param($VM) }
  function global:Get-VMSnapshot { [CmdletBinding()] param($VM) }
  function global:Restore-VMSnapshot { [CmdletBinding()] param($VMSnapshot, [switch]$Confirm) }
  function global:Remove-VMSnapshot { [CmdletBinding()] param($VMSnapshot, [switch]$Confirm) }
}

BeforeDiscovery {
  $names = Get-Content -LiteralPath (Join-Path $env:XPM_SCRIPTS 'hostile.json') -Raw -Encoding utf8 | ConvertFrom-Json
  $hostile = for ($i = 0; $i -lt $names.Count; $i++) { @{ i = $i; name = $names[$i] } }
}

Describe 'the Atlas services' {
  It 'reads name, state and logon account, umlauts and all, as JSON' {
    Mock Get-CimInstance {
      @([pscustomobject]@{ Name = 'AtlasService'; State = 'Running'; StartName = 'XPHONE\Müller' },
        [pscustomobject]@{ Name = 'AtlasWebService'; State = 'Stopped'; StartName = 'LocalSystem' })
    } -ParameterFilter { $ClassName -eq 'Win32_Service' -and $Filter -eq "Name LIKE 'Atlas%'" }
    $r = Invoke-Generated 'services-0'
    $r.code | Should -Be 0
    # Only ASCII on stdout (\u00fc for ü): the same bytes in any console code page.
    $r.json | Should -Not -Match '[^\x00-\x7F]'
    $list = $r.json | ConvertFrom-Json
    $list.Count | Should -Be 2
    $list[0].account | Should -Be 'XPHONE\Müller'
    $list[1].state | Should -Be 'Stopped'
  }

  It 'stops each one and names those that did not stop in time' {
    $make = { param($name, $late)
      $s = [pscustomobject]@{ Name = $name; Late = $late; Status = 'Running'; StartType = 'Automatic'; Stopped = $false }
      $s | Add-Member ScriptMethod Stop { $this.Stopped = $true }
      $s | Add-Member ScriptMethod WaitForStatus { param($status, $timeout) if ($this.Late) { throw 'timed out' } }
      $s }
    $services = @((& $make 'AtlasService' $false), (& $make 'AtlasWebService' $true))
    Mock Get-Service { $services }
    Mock Stop-Service { throw 'unbounded: must not be used' }
    $r = Invoke-Generated 'stop-services-0'
    $r.code | Should -Be 0
    $answer = $r.json | ConvertFrom-Json
    @($answer.services) | Should -Be @('AtlasService', 'AtlasWebService')
    @($answer.late) | Should -Be @('AtlasWebService')
    @($services | Where-Object Stopped).Count | Should -Be 2
  }

  It 'starts only the automatic ones; a Disabled service is left and named, a failing one does not stop the rest' {
    $make = { param($name, $type, $fails)
      $s = [pscustomobject]@{ Name = $name; Status = 'Stopped'; StartType = $type; Fails = $fails; Started = $false }
      $s | Add-Member ScriptMethod Start { if ($this.Fails) { throw 'cannot start' } $this.Started = $true }
      $s | Add-Member ScriptMethod WaitForStatus { param($status, $timeout) }
      $s }
    $services = @((& $make 'AtlasBroken' 'Automatic' $true), (& $make 'AtlasOld' 'Disabled' $false), (& $make 'AtlasService' 'Automatic' $false))
    Mock Get-Service { $services }
    $r = Invoke-Generated 'start-services-0'
    $r.code | Should -Be 0
    $answer = $r.json | ConvertFrom-Json
    @($answer.services) | Should -Be @('AtlasService')
    @($answer.late) | Should -Be @('AtlasBroken')
    @($answer.skipped) | Should -Be @('AtlasOld')
    ($services | Where-Object Name -eq 'AtlasService').Started | Should -Be $true
  }
}

Describe 'the resume task' {
  It 'runs the given program with its arguments at startup as SYSTEM, in the store''s folder' {
    Mock New-ScheduledTaskAction { [pscustomobject]@{ Execute = $Execute; Arguments = $Argument } }
    Mock New-ScheduledTaskTrigger { 'startup' }
    Mock New-ScheduledTaskPrincipal { [pscustomobject]@{ UserId = $UserId; RunLevel = $RunLevel } }
    Mock New-ScheduledTaskSettingsSet { 'settings' }
    Mock Register-ScheduledTask {}
    $r = Invoke-Generated 'resume-task-0'
    $r.code | Should -Be 0
    $r.json | Should -Be 'true'
    Should -Invoke New-ScheduledTaskAction -Times 1 -Exactly -ParameterFilter {
      $Execute -eq 'C:\Program Files\xpmigrate\node.exe' -and
      $Argument -eq '"C:\Program Files\xpmigrate\bin\xpmigrate.js" resume --state "C:\ProgramData\xpmigrate\state \"ü\".db"' -and
      $WorkingDirectory -eq 'C:\ProgramData\xpmigrate'
    }
    Should -Invoke New-ScheduledTaskPrincipal -ParameterFilter { $UserId -eq 'SYSTEM' -and $RunLevel -eq 'Highest' }
    Should -Invoke Register-ScheduledTask -ParameterFilter { $TaskName -eq 'xpmigrate-resume' -and $TaskPath -eq '\xpmigrate\' }
  }
}

Describe 'a Hyper-V checkpoint on this machine' {
  It 'finds the VM <name> by its exact name, stops it, checkpoints it and starts it' -ForEach $hostile {
    $target = [pscustomobject]@{ Name = $name; State = 'Running'; Id = [guid]::NewGuid() }
    $other = [pscustomobject]@{ Name = $name + '*'; State = 'Running'; Id = [guid]::NewGuid() }
    Mock Get-VM { @($other, $target) }
    Mock Get-VM { $target } -ParameterFilter { $null -ne $Id }
    Mock Stop-VM { $VM.State = 'Off' }
    Mock Set-VM {}
    Mock Checkpoint-VM {}
    Mock Start-VM {}
    $r = Invoke-Generated "hyperv-take-local-$i-1"
    $r.code | Should -Be 0
    $r.json | Should -Be 'true'
    Should -Invoke Stop-VM -Times 1 -Exactly -ParameterFilter { $VM.Name -ceq $name }
    Should -Invoke Checkpoint-VM -Times 1 -Exactly -ParameterFilter { $VM.Name -ceq $name -and $SnapshotName -eq 'cp' }
    Should -Invoke Start-VM -Times 1 -Exactly
    # The customer's checkpoint type is left alone.
    Should -Invoke Set-VM -Times 0 -Exactly
  }

  It 'takes no checkpoint when Stop-VM fails, or when the VM is not Off afterwards' {
    $target = [pscustomobject]@{ Name = 'XPHONE01'; State = 'Running'; Id = [guid]::NewGuid() }
    Mock Get-VM { @($target) }
    Mock Checkpoint-VM {}
    Mock Stop-VM { throw 'The operation cannot be performed while the virtual machine is in its current state.' }
    $r = Invoke-Generated 'hyperv-take-local-0-1'
    $r.code | Should -Be 1
    Mock Stop-VM {}
    $r = Invoke-Generated 'hyperv-take-local-0-1'
    $r.code | Should -Be 1
    Should -Invoke Checkpoint-VM -Times 0 -Exactly
  }

  It 'refuses when the name matches no VM, and says so in its error' {
    Mock Get-VM { @([pscustomobject]@{ Name = 'another VM'; State = 'Running' }) }
    Mock Checkpoint-VM {}
    $r = Invoke-Generated 'hyperv-take-local-0-1'
    $r.code | Should -Be 1
    Should -Invoke Checkpoint-VM -Times 0 -Exactly
  }
}

Describe 'the machine as the scripts read it' {
  It 'reads the boot identity from the kernel boot event, never from the clock' {
    Mock Get-WinEvent { [pscustomobject]@{ RecordId = 48213; Id = 12 } } -ParameterFilter { $FilterHashtable.Id -eq 12 -and $FilterHashtable.ProviderName -eq 'Microsoft-Windows-Kernel-General' -and $MaxEvents -eq 1 }
    Mock Get-CimInstance { throw 'not needed' }
    $r = Invoke-Generated 'boot-id-0'
    $r.code | Should -Be 0
    $r.json | Should -Be '"event-48213"'
  }

  It 'falls back to the boot time when the System log has no boot event' {
    Mock Get-WinEvent { }
    Mock Get-CimInstance { [pscustomobject]@{ LastBootUpTime = [datetime]::new(2026, 11, 28, 6, 0, 0, [DateTimeKind]::Utc) } } -ParameterFilter { $ClassName -eq 'Win32_OperatingSystem' }
    $r = Invoke-Generated 'boot-id-0'
    $r.code | Should -Be 0
    $r.json | Should -Be '"time-2026-11-28T06:00:00.0000000Z"'
  }

  It 'finds the XPhone Server among the uninstall entries, and XPhone UC 2011 (V4) by its version' {
    Mock Get-ChildItem { @([pscustomobject]@{ PSPath = 'Registry::A' }, [pscustomobject]@{ PSPath = 'Registry::B' }) }
    Mock Get-ItemProperty {
      if ($LiteralPath -eq 'Registry::A') { [pscustomobject]@{ DisplayName = 'Microsoft SQL Server 2019'; DisplayVersion = '15.0.2000.5' } }
      else { [pscustomobject]@{ DisplayName = 'XPhone Connect Server'; DisplayVersion = '4.1.3.2' } }
    }
    (Invoke-Generated 'installed-version-0').json | Should -Be '"4.1.3.2"'
    (Invoke-Generated 'v4-installed-0').json | Should -Be 'true'
  }

  It 'reads one registry value, and null when it is absent' {
    Mock Get-ItemProperty { [pscustomobject]@{ ServerStartupMeter = 100 } }
    (Invoke-Generated 'health-1').json | Should -Be '100'
    Mock Get-ItemProperty { [pscustomobject]@{ Other = 1 } }
    (Invoke-Generated 'health-1').json | Should -Be 'null'
  }

  It 'lists the SQL Server instance names, not the PS* properties of the key' {
    Mock Get-ItemProperty { [pscustomobject]@{ XPCONNECT = 'MSSQL12.XPCONNECT'; XPCONNECT2019 = 'MSSQL15.XPCONNECT2019'; PSPath = 'x'; PSChildName = 'SQL' } }
    @((Invoke-Generated 'has-instance-0').json | ConvertFrom-Json) | Should -Be @('XPCONNECT', 'XPCONNECT2019')
  }
}

Describe 'step 7a: the analytics application pool' {
  It 'runs as the account <name>, its password from the environment, never from the script' -ForEach $hostile {
    $env:XPMIGRATE_SERVICE_PASSWORD = 'Geheim-1'
    $account = 'XPHONE\' + $name
    Mock Import-Module {} -ParameterFilter { $Name -eq 'WebAdministration' }
    Mock Test-Path { $true }
    Mock Set-ItemProperty {}
    Mock Get-ItemProperty { [pscustomobject]@{ userName = $account } }
    $r = Invoke-Generated "app-pool-$i-0"
    $r.code | Should -Be 0
    ($r.json | ConvertFrom-Json).identity | Should -BeExactly $account
    Should -Invoke Set-ItemProperty -Times 1 -Exactly -ParameterFilter {
      $Name -eq 'processModel' -and $Value.userName -ceq $account -and $Value.password -eq 'Geheim-1' -and $Value.identityType -eq 3
    }
    (Get-Content -LiteralPath (Join-Path $dir "app-pool-$i-0.ps1") -Raw) | Should -Not -Match 'Geheim-1'
  }
}

Describe "the vendor's BAT script" {
  It 'runs it through cmd in its folder and hands back exit code and output' {
    $env:ComSpec = 'C:\Windows\system32\cmd.exe'
    $env:ProgramFiles = 'C:\Program Files'
    Mock Start-Process { [pscustomobject]@{ ExitCode = 3010 } }
    Mock Get-Content { 'SQL Server setup finished' }
    Mock Remove-Item {}
    # SQL setup's own verdict: the newest Summary.txt and the new instance's service.
    Mock Get-ChildItem { [pscustomobject]@{ FullName = 'C:\Summary.txt'; LastWriteTime = (Get-Date).AddMinutes(1) } }
    Mock Select-String { [pscustomobject]@{ Matches = @([regex]::Match('  Final result:                 Passed', '^\s*Final result:\s*(.*)$')) } }
    Mock Get-Service { [pscustomobject]@{ Status = 'Running' } } -ParameterFilter { $Name -eq 'MSSQL$XPCONNECT2019' }
    $r = Invoke-Generated 'sql-migration-main-0'
    $r.code | Should -Be 0
    $answer = $r.json | ConvertFrom-Json
    $answer.exitCode | Should -Be 3010
    $answer.output | Should -Be 'SQL Server setup finished'
    $answer.finalResult | Should -Be 'Passed'
    $answer.serviceRunning | Should -Be $true
    Should -Invoke Start-Process -Times 1 -Exactly -ParameterFilter {
      $FilePath -eq 'C:\Windows\system32\cmd.exe' -and "$ArgumentList" -match '^/d /s /c ""C:\\Medien\\XPhone Ü\\.*MigrateSQLServer_UC\.BAT""$' -and $Wait
    }
  }
}

Describe 'Hyper-V: revert, remove, list, and the same through a Hyper-V host' {
  BeforeEach {
    # Not $vm: the scripts' own variable of that name would shadow it inside the mocks.
    $hyperVm = [pscustomobject]@{ Name = 'XPhone VM ''prod'' $(whoami) `whoami` "x"'; State = 'Running'; Id = [guid]::NewGuid() }
    Mock Get-VM { @($hyperVm) }
    Mock Get-VM { $hyperVm } -ParameterFilter { $null -ne $Id }
    Mock Get-VMSnapshot {
      @([pscustomobject]@{ Name = 'other'; CreationTime = [datetime]::UtcNow },
        [pscustomobject]@{ Name = 'cp'; CreationTime = [datetime]::new(2026, 11, 28, 6, 0, 0, [DateTimeKind]::Utc) })
    }
    Mock Stop-VM { $VM.State = 'Off' }
    Mock Start-VM {}
    Mock Set-VM {}
    Mock Checkpoint-VM {}
    Mock Restore-VMSnapshot {}
    Mock Remove-VMSnapshot {}
  }

  It 'reverts to the named checkpoint with the VM turned off, then starts it' {
    (Invoke-Generated 'hyperv-revert-local-0-1').json | Should -Be 'true'
    Should -Invoke Stop-VM -Times 1 -Exactly -ParameterFilter { $TurnOff }
    Should -Invoke Restore-VMSnapshot -Times 1 -Exactly -ParameterFilter { $VMSnapshot.Name -eq 'cp' }
    Should -Invoke Start-VM -Times 1 -Exactly
  }

  It 'removes only the named checkpoint' {
    (Invoke-Generated 'hyperv-remove-local-0-0').json | Should -Be 'true'
    Should -Invoke Remove-VMSnapshot -Times 1 -Exactly -ParameterFilter { $VMSnapshot.Name -eq 'cp' }
  }

  It 'lists the checkpoints with their creation time' {
    $json = (Invoke-Generated 'hyperv-list-local-0-0').json
    @(($json | ConvertFrom-Json).name) | Should -Be @('other', 'cp')
    $json | Should -Match '"name":"cp","createdAt":"2026-11-28T06:00:00\.0000000Z"'
  }

  It 'through a Hyper-V host: a disconnected session on that host runs the same steps' {
    Mock Invoke-Command { & $ScriptBlock @ArgumentList }
    $r = Invoke-Generated 'hyperv-take-remote-0-1'
    $r.code | Should -Be 0
    $r.json | Should -Be 'true'
    Should -Invoke Invoke-Command -Times 1 -Exactly -ParameterFilter {
      $ComputerName -eq 'HV01' -and $InDisconnectedSession -and $SessionName -eq 'xpmigrate-take' -and $ArgumentList[0] -ceq 'XPhone VM ''prod'' $(whoami) `whoami` "x"'
    }
    Should -Invoke Checkpoint-VM -Times 1 -Exactly -ParameterFilter { $SnapshotName -eq 'cp' }
  }
}

Describe 'what xpmigrate cannot work with' {
  It 'Constrained Language Mode: the script says so before anything runs' {
    # A runspace locked down as AppLocker/WDAC would lock it, running the generated script.
    Mock Get-CimInstance { throw 'must not run' }
    $file = Join-Path $env:XPM_SCRIPTS 'boot-id-0.ps1'
    $ps = [powershell]::Create()
    $ps.Runspace.SessionStateProxy.LanguageMode = 'ConstrainedLanguage'
    $out = @($ps.AddScript("& '$file'").Invoke())
    $ps.Dispose()
    ($out -join ' ') | Should -Be 'xpmigrate:constrained-language:ConstrainedLanguage'
  }
}
