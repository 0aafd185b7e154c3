# Runs the whole Pester suite (test/powershell/*.Tests.ps1) and writes NUnit XML. Started by
# scripts/pester.mjs under PowerShell 7 (Linux) or Windows PowerShell 5.1 (windows.yml).
param(
    [Parameter(Mandatory = $true)]
    [string]$PesterModule,
    [Parameter(Mandatory = $true)]
    [string]$ResultPath,
    [string[]]$Path = @()
)
$ErrorActionPreference = 'Stop'
Import-Module -Name $PesterModule -Force
$configuration = New-PesterConfiguration
if ($Path.Count -eq 0) {
    $Path = @($PSScriptRoot)
}
$configuration.Run.Path = $Path
$configuration.Run.Exit = $true
$configuration.Output.Verbosity = 'Normal'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = $ResultPath
Invoke-Pester -Configuration $configuration
