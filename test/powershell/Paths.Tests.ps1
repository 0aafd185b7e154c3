# Installed under a path with '[', ']', spaces and non-ASCII characters (C:\Program Files\[Tools]
# J<u umlaut>rgen\...): the scripts are copied into one such folder, as the packaged app ships them
# (<resources>/scripts), and run from there, by absolute path and as .\name.ps1 from that folder
# (how the runner starts a script when its path is not printable ASCII).
#
# Not visible here: Windows PowerShell 5.1's own path handling (its wildcard treatment of '[' in
# '&' and '.' targets differs between versions), NTFS, and the OEM code page of the runner's stdin.

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'support', 'Common.ps1'))
    . ([System.IO.Path]::Combine($PSScriptRoot, 'support', 'Machine.ps1'))
    $name = 'Activation [Doctor] J' + [char]0x00FC + 'rgen ' + [char]0x00E9 + 't' + [char]0x00E9
    $script:Root = New-Item -ItemType Directory -Force -Path ([System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'ad-paths-' + [guid]::NewGuid()))
    $script:Scripts = [System.IO.Path]::Combine($script:Root.FullName, $name, 'resources', 'scripts')
    $null = New-Item -ItemType Directory -Force -Path $script:Scripts
    foreach ($dir in @($script:ProbeDir, $script:FixDir)) {
        foreach ($file in @(Get-ChildItem -LiteralPath $dir -Filter '*.ps1')) {
            Copy-Item -LiteralPath $file.FullName -Destination ([System.IO.Path]::Combine($script:Scripts, $file.Name))
        }
    }
    Use-Machine 'de-win10-pro-oem'
}

AfterAll { Remove-Item -LiteralPath $script:Root.FullName -Recurse -Force }

Describe 'scripts in a folder with [ ], spaces and non-ASCII characters (os.ps1, services.ps1, fix-time.ps1, _prologue.ps1)' {
    It 'the folder really has them' {
        $script:Scripts | Should -Match '\[Doctor\] J\u00FCrgen'
        @(Get-ChildItem -LiteralPath $script:Scripts -Filter '_prologue.ps1').Count | Should -Be 1
    }

    It '<_> runs by absolute path and finds its prologue' -ForEach @('os', 'services', 'network-config') {
        Set-StrictMode -Version Latest
        $json = Read-SingleJson (& ([System.IO.Path]::Combine($script:Scripts, $_ + '.ps1')) -ArgsBase64 '')
        $json.PSObject.Properties.Name | Should -Not -Contain 'error'
    }

    It 'os.ps1 runs as .\os.ps1 from that folder' {
        Push-Location -LiteralPath $script:Scripts
        try {
            Set-StrictMode -Version Latest
            $json = Read-SingleJson (& .\os.ps1 -ArgsBase64 '')
            $json.editionId | Should -Be 'Professional'
        }
        finally {
            Pop-Location
        }
    }

    It 'fix-time.ps1 finds the prologue next to it (the packaged layout) and reads the time configuration' {
        Mock Get-ItemProperty -ParameterFilter { $LiteralPath -eq 'HKLM:\SYSTEM\CurrentControlSet\Services\W32Time\Parameters' } { [pscustomobject]@{ Type = 'NTP'; NtpServer = 'time.windows.com,0x9' } }
        Set-StrictMode -Version Latest
        $json = Read-SingleJson (& ([System.IO.Path]::Combine($script:Scripts, 'fix-time.ps1')) -ArgsBase64 (ConvertTo-ArgsBase64 @{ action = 'read-config' }))
        $json.config.ntpServer | Should -Be 'time.windows.com,0x9'
    }
}
