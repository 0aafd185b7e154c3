# Warnings never corrupt results: Start-Service and Restart-Service print "WARNING: Waiting for
# service ..." while a service is pending, and a host writes warnings, verbose and information text
# to stdout, next to the JSON. The prologue silences every stream once; here a separate PowerShell
# process (as the runner starts one) runs fix-service.ps1 with stand-ins for the service cmdlets that
# write to every stream, and its stdout must be exactly one JSON document.
#
# Not visible here: Windows PowerShell 5.1's console host (powershell.exe -Command -) and how it
# renders each stream, and preference inheritance into script-module (CDXML) cmdlets, which take the
# caller's preferences only through common parameters.

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'support', 'Common.ps1'))
    $script:Shell = Get-ShellPath
    $script:Work = New-Item -ItemType Directory -Force -Path ([System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'ad-streams-' + [guid]::NewGuid()))

    # Runs fix-service.ps1 in a new process whose service cmdlets are noisy stand-ins; returns stdout.
    function Invoke-NoisyFix([string]$Action) {
        $bootstrap = [System.IO.Path]::Combine($script:Work.FullName, 'noisy.ps1')
        $lines = @(
            'function global:Get-CimInstance { [CmdletBinding()] param($ClassName, $Filter, $Property) [pscustomobject]@{ Name = ''W32Time''; State = ''Running''; StartMode = ''Manual'' } }',
            'function global:Write-Noise { [CmdletBinding()] param([string]$Name)',
            '    Write-Warning (''Waiting for service '''''' + $Name + '''''' to start...'')',
            '    Write-Verbose (''Performing the operation on target '' + $Name)',
            '    Write-Information (''information about '' + $Name)',
            '    Write-Debug (''debug about '' + $Name)',
            '    Write-Progress -Activity ''Starting'' -Status $Name -PercentComplete 50 }',
            'function global:Start-Service { [CmdletBinding()] param([string[]]$Name, [switch]$Force) Write-Noise -Name $Name[0] }',
            'function global:Restart-Service { [CmdletBinding()] param([string[]]$Name, [switch]$Force) Write-Noise -Name $Name[0] }',
            '$VerbosePreference = ''Continue''; $InformationPreference = ''Continue''; $DebugPreference = ''Continue''',
            ('& ''' + (Get-FixPath 'fix-service') + ''' -ArgsBase64 ''' + (ConvertTo-ArgsBase64 @{ service = 'W32Time'; action = $Action }) + '''')
        )
        Set-Content -LiteralPath $bootstrap -Value $lines -Encoding UTF8
        $stdout = & $script:Shell -NoProfile -NonInteractive -File $bootstrap 2>&1
        return @($stdout | ForEach-Object { [string]$_ } | Where-Object { $_.Trim() -ne '' })
    }
}

AfterAll { Remove-Item -LiteralPath $script:Work.FullName -Recurse -Force }

Describe 'the prologue keeps stdout to one JSON document (fix-service.ps1, _prologue.ps1)' {
    It '<_>: warnings, verbose, information, debug and progress from the service cmdlet never reach stdout' -ForEach @('start', 'restart') {
        $lines = @(Invoke-NoisyFix $_)
        $lines.Count | Should -Be 1 -Because ($lines -join "`n")
        $json = ConvertFrom-JsonText $lines[0]
        $json.ok | Should -BeTrue
    }

    It 'the noisy stand-in is noisy without the prologue (the test can fail)' {
        $probe = [System.IO.Path]::Combine($script:Work.FullName, 'plain.ps1')
        Set-Content -LiteralPath $probe -Value @(
            'function Start-Service { [CmdletBinding()] param([string[]]$Name) Write-Warning (''Waiting for service '' + $Name[0]) }',
            'Start-Service -Name W32Time',
            '''{"ok":true}'''
        )
        $lines = @(& $script:Shell -NoProfile -NonInteractive -File $probe 2>&1 | ForEach-Object { [string]$_ } | Where-Object { $_.Trim() -ne '' })
        $lines.Count | Should -Be 2
        ($lines -join "`n") | Should -BeLike '*Waiting for service W32Time*'
    }
}
