<#
  Activation Doctor fix operation: enable the built-in KMS rule SPPSVC-In-TCP ("Key Management
  Service (TCP-In)") for the Domain and Private profiles, as Microsoft's KMS host setup does.
  Windows PowerShell 5.1 (NetSecurity module, Windows Server 2012 and later).
#>
param(
    [string]$ArgsBase64
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
[Console]::OutputEncoding = New-Object -TypeName System.Text.UTF8Encoding -ArgumentList $false

$RuleName = 'SPPSVC-In-TCP'

$result = $null
try {
    $json = [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ArgsBase64))
    $request = $json | ConvertFrom-Json
    if ([string]$request.action -ne 'enable-kms-rule') {
        throw (New-Object -TypeName System.ArgumentException -ArgumentList ('Unknown action ' + [string]$request.action))
    }
    Set-NetFirewallRule -Name $RuleName -Profile @('Domain', 'Private') -Enabled 'True'
    $rule = Get-NetFirewallRule -Name $RuleName
    $result = @{ ok = $true; enabled = ([string]$rule.Enabled -eq 'True'); profiles = [string]$rule.Profile }
}
catch {
    $kind = 'failed'
    if ($_.CategoryInfo.Category -eq 'PermissionDenied') {
        $kind = 'access-denied'
    }
    if ($_.CategoryInfo.Category -eq 'ObjectNotFound') {
        $kind = 'not-found'
    }
    $result = @{ error = @{ kind = $kind; message = $_.Exception.Message; hresult = [int64]$_.Exception.HResult; errorId = $_.FullyQualifiedErrorId; category = [string]$_.CategoryInfo.Category } }
}
$result | ConvertTo-Json -Depth 4 -Compress
