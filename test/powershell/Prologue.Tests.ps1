# The shared prologue (_prologue.ps1) and what every probe gets from it: the WMI error code from
# MSFT_WmiError (not the generic HResult), the access-denied kind, reading only the properties used
# with a fallback for older Windows, programs by absolute path from the system folder; and the
# firewall probe's two KMS rules from the active store.
#
# Not visible here: [Environment]::SystemDirectory and the Sysnative redirection of a 32-bit
# PowerShell on 64-bit Windows (Linux has no system folder: Get-SystemDirectory is mocked), what WMI
# really answers to a -Property naming a property an older Windows lacks, and GPO rules in a real
# active store.

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'support', 'Common.ps1'))
    . ([System.IO.Path]::Combine($PSScriptRoot, 'support', 'Machine.ps1'))
}

Describe '_prologue.ps1' {
    It 'sets every stream preference and defines its functions, printing nothing' {
        $output = @(. ([System.IO.Path]::Combine($script:ProbeDir, '_prologue.ps1')))
        $output.Count | Should -Be 0
        foreach ($name in @('ProgressPreference', 'WarningPreference', 'VerbosePreference', 'InformationPreference', 'DebugPreference')) {
            (Get-Variable -Name $name -Scope 0).Value | Should -Be 'SilentlyContinue'
        }
        $ErrorActionPreference | Should -Be 'Stop'
        $ConfirmPreference | Should -Be 'None'
    }

    It 'Get-SystemExecutable gives the absolute path in the system folder, and refuses other names' {
        . ([System.IO.Path]::Combine($script:ProbeDir, '_prologue.ps1'))
        $ErrorActionPreference = 'Continue'
        $dir = New-Item -ItemType Directory -Force -Path ([System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'ad-system-' + [guid]::NewGuid()))
        try {
            Set-Content -LiteralPath ([System.IO.Path]::Combine($dir.FullName, 'w32tm.exe')) -Value ''
            Mock Get-SystemDirectory { $dir.FullName }
            Get-SystemExecutable -Name 'w32tm.exe' | Should -Be ([System.IO.Path]::Combine($dir.FullName, 'w32tm.exe'))
            { Get-SystemExecutable -Name 'sc.exe' } | Should -Throw '*sc.exe was not found*'
            { Get-SystemExecutable -Name '..\cmd.exe' } | Should -Throw '*Not a system program name*'
            { Get-SystemExecutable -Name 'w32tm' } | Should -Throw '*Not a system program name*'
        }
        finally {
            Remove-Item -LiteralPath $dir.FullName -Recurse -Force
        }
    }

    It 'Get-ValueOrNull reads a missing value as null under strict mode and keeps byte arrays whole' {
        . ([System.IO.Path]::Combine($script:ProbeDir, '_prologue.ps1'))
        Set-StrictMode -Version Latest
        $key = [pscustomobject]@{ Domain = 'corp.example'; WinHttpSettings = [byte[]](24, 0, 0, 0) }
        Get-ValueOrNull -InputObject $key -Name 'NV Domain' | Should -BeNullOrEmpty
        Get-ValueOrNull -InputObject $null -Name 'Domain' | Should -BeNullOrEmpty
        Get-ValueOrNull -InputObject $key -Name 'Domain' | Should -Be 'corp.example'
        $bytes = Get-ValueOrNull -InputObject $key -Name 'WinHttpSettings'
        ($bytes -is [byte[]]) | Should -BeTrue
    }
}

Describe 'probes report the MSFT_WmiError code (licensing.ps1, os.ps1, services.ps1)' {
    BeforeAll { Use-Machine 'ws2019-kms-client' }

    It 'access denied by WMI (0x80041003) is access-denied with that code, not 0x80131500' {
        Mock Get-CimInstance -ParameterFilter { $ClassName -eq 'SoftwareLicensingProduct' } { throw (New-CimErrorRecord -Code 2147749891 -Message 'Access denied' -Category 'PermissionDenied' -Command 'GetCimInstanceCommand') }
        Set-StrictMode -Version Latest
        $json = Read-SingleJson (& (Get-ProbePath 'licensing') -ArgsBase64 '')
        $json.error.kind | Should -Be 'access-denied'
        $json.error.hresult | Should -Be 2147749891
        $json.error.errorId | Should -BeLike 'HRESULT 0x80041003,*'
    }

    It 'a licensing error code (0xC004F074) from the SPP provider is reported as that code' {
        Mock Get-CimInstance -ParameterFilter { $ClassName -eq 'SoftwareLicensingService' } { throw (New-CimErrorRecord -Code 3221549172 -Message 'x' -Command 'GetCimInstanceCommand') }
        $json = Read-SingleJson (& (Get-ProbePath 'licensing') -ArgsBase64 '')
        $json.error.hresult | Should -Be 3221549172
    }

    It 'reads only the properties used, and all of them when an older Windows rejects the list (0x80041017)' {
        $global:ADMachine.queries.Clear()
        Set-StrictMode -Version Latest
        $null = & (Get-ProbePath 'os') -ArgsBase64 ''
        $global:ADMachine.queries[0].Property | Should -Be @('Caption', 'Version', 'BuildNumber', 'ProductType', 'OSLanguage')
        Mock Get-CimInstance -ParameterFilter { $ClassName -eq 'Win32_Service' -and $null -ne $Property } { throw (New-CimErrorRecord -Code 2147749911 -Message 'Invalid query' -Command 'GetCimInstanceCommand') }
        $json = Read-SingleJson (& (Get-ProbePath 'services') -ArgsBase64 '')
        $json.sppsvc.exists | Should -BeTrue
        Should -Invoke Get-CimInstance -Times 1 -Exactly -ParameterFilter { $ClassName -eq 'Win32_Service' -and $null -eq $Property }
    }
}

Describe 'firewall.ps1: both built-in KMS rules from the active store' {
    BeforeAll { Use-Machine 'ws2012r2-kms-host' }

    BeforeEach {
        $global:ADMachine.firewall.rules = @{
            'SPPSVC-In-TCP'         = [pscustomobject]@{ Name = 'SPPSVC-In-TCP'; Enabled = [ADTest.Enabled]::False; Profile = [ADTest.Profile]'Private, Public'; Direction = [ADTest.Direction]::Inbound; Action = [ADTest.Action]::Allow; PolicyStoreSourceType = [ADTest.PolicyStoreType]::Local; RemoteAddress = 'LocalSubnet' }
            'SPPSVC-In-TCP-NoScope' = [pscustomobject]@{ Name = 'SPPSVC-In-TCP-NoScope'; Enabled = [ADTest.Enabled]::True; Profile = [ADTest.Profile]::Domain; Direction = [ADTest.Direction]::Inbound; Action = [ADTest.Action]::Allow; PolicyStoreSourceType = [ADTest.PolicyStoreType]::GroupPolicy; RemoteAddress = @('Any') }
        }
    }

    It 'reads each rule with its profiles, remote addresses and policy source' {
        Set-StrictMode -Version Latest
        $json = Read-SingleJson (& (Get-ProbePath 'firewall') -ArgsBase64 '')
        $rules = @($json.rules)
        $rules.Count | Should -Be 2
        $rules[0].name | Should -Be 'SPPSVC-In-TCP'
        $rules[0].enabled | Should -BeFalse
        $rules[0].profile | Should -Be 6
        @($rules[0].remoteAddress) | Should -Be @('LocalSubnet')
        $rules[1].name | Should -Be 'SPPSVC-In-TCP-NoScope'
        $rules[1].enabled | Should -BeTrue
        $rules[1].profile | Should -Be 1
        $rules[1].policySource | Should -Be 'GroupPolicy'
        Should -Invoke Get-NetFirewallRule -Times 2 -Exactly -ParameterFilter { $PolicyStore -eq 'ActiveStore' }
    }

    It 'a rule that is not there is simply absent; another failure is an error' {
        $global:ADMachine.firewall.rules.Remove('SPPSVC-In-TCP-NoScope')
        @((Read-SingleJson (& (Get-ProbePath 'firewall') -ArgsBase64 '')).rules).Count | Should -Be 1
        Mock Get-NetFirewallRule { throw (New-CimErrorRecord -Code 2147749891 -Message 'Access denied' -Category 'PermissionDenied' -Command 'GetNetFirewallRule') }
        (Read-SingleJson (& (Get-ProbePath 'firewall') -ArgsBase64 '')).error.kind | Should -Be 'access-denied'
    }
}
