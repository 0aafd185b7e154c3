# Every probe script (main/probes/windows/*.ps1) run under Set-StrictMode -Version Latest on four
# machines built from the fixtures: a German Windows 10 (de-DE culture, OEM, Microsoft 365 Apps), a
# German Windows 10 Enterprise with Office LTSC 2021 (KMS clients both), a KMS host (Windows Server
# 2012 R2, Office 2016 KMS host key) and a KMS client (Windows Server 2019). Each output is written to
# test-results/probe-output/<machine>/<probe>.json (or $env:AD_PROBE_OUTPUT) for the TypeScript
# round trip (test/unit/probes/windows/pester-round-trip.test.ts), which parses them with the app's
# own parsers into a snapshot.
#
# Not visible here (PowerShell 7 on Linux vs Windows PowerShell 5.1): real CIM instances and WQL
# (-Property is recorded; of -Filter only the ApplicationID and ID comparisons are applied), the real
# registry provider, EventLogRecord objects, NetSecurity's CDXML cmdlets, 5.1's ConvertTo-Json
# layout, and the console code page.

BeforeDiscovery {
    $script:Machines = @('de-win10-pro-oem', 'de-win10-ent-office', 'ws2012r2-kms-host', 'ws2019-kms-client')
    $script:Probes = @('os', 'licensing', 'network-config', 'services', 'events', 'elevation', 'firewall', 'esu', 'azure-certificates', 'office', 'subscription', 'adba')
}

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'support', 'Common.ps1'))
    . ([System.IO.Path]::Combine($PSScriptRoot, 'support', 'Machine.ps1'))
    $script:OutputRoot = $env:AD_PROBE_OUTPUT
    if ([string]::IsNullOrEmpty($script:OutputRoot)) {
        $script:OutputRoot = [System.IO.Path]::Combine($script:RepoRoot, 'test-results', 'probe-output')
    }
}

Describe 'probe <_>' -ForEach $Machines {
    BeforeAll {
        $machine = $_
        Use-Machine $machine
        $dir = [System.IO.Path]::Combine($script:OutputRoot, $machine)
        $null = New-Item -ItemType Directory -Force -Path $dir
    }

    It '<_>.ps1 prints one JSON document under strict mode' -ForEach $Probes {
        $probe = $_
        Set-StrictMode -Version Latest
        $output = & (Get-ProbePath $probe) -ArgsBase64 (ConvertTo-ArgsBase64 @{})
        $json = Read-SingleJson $output
        $json.PSObject.Properties.Name | Should -Not -Contain 'error' -Because ([string]$output)
        [System.IO.File]::WriteAllText([System.IO.Path]::Combine($dir, $probe + '.json'), [string]@($output)[0], (New-Object System.Text.UTF8Encoding $false))
    }
}
