# Runs the whole Pester suite (test/powershell/*.Tests.ps1) and writes NUnit XML. Started by
# scripts/pester.mjs under PowerShell 7 (Linux) or Windows PowerShell 5.1 (windows.yml).
param(
    [Parameter(Mandatory = $true)]
    [string]$PesterModule,
    [Parameter(Mandatory = $true)]
    [string]$ResultPath,
    # Test files to run, separated by ';' (default: the whole suite).
    [string]$Path = ''
)
$ErrorActionPreference = 'Stop'
Import-Module -Name $PesterModule -Force
$configuration = New-PesterConfiguration
$paths = @($Path -split ';' | Where-Object { $_ -ne '' })
if ($paths.Count -eq 0) {
    $paths = @($PSScriptRoot)
}
$configuration.Run.Path = $paths
$configuration.Run.Exit = $true
$configuration.Output.Verbosity = 'Normal'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = $ResultPath
Invoke-Pester -Configuration $configuration
