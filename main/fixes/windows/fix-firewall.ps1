<#
  Activation Doctor fix operation: open TCP 1688 on a KMS host by enabling the built-in KMS rule
  that fits the active network profile. Windows has two, both disabled by default, in the group
  "@FirewallAPI.dll,-28002": SPPSVC-In-TCP (Private and Public profiles, from the local subnet
  only) and SPPSVC-In-TCP-NoScope (Domain profile, from any address). Nothing else is changed.
  Parameters arrive as base64-encoded UTF-8 JSON ({ "action": "enable-kms-rule" }).
  Windows PowerShell 5.1 (NetSecurity and NetConnection modules, Windows Server 2012 and later).
#>
param(
    [string]$ArgsBase64
)

# The shared prologue: preferences for every stream, UTF-8 output, the error envelope.
$prologuePath = [System.IO.Path]::Combine($PSScriptRoot, '_prologue.ps1')
if (-not [System.IO.File]::Exists($prologuePath)) {
    # A source checkout keeps the fix operations apart from the probes and their prologue.
    $prologuePath = [System.IO.Path]::Combine($PSScriptRoot, '..', '..', 'probes', 'windows', '_prologue.ps1')
}
. $prologuePath

# NetworkCategory (0 Public, 1 Private, 2 DomainAuthenticated) -> the rule made for that profile.
function Get-FittingRule {
    param(
        [int]$Category
    )
    if ($Category -eq 2) {
        return 'SPPSVC-In-TCP-NoScope'
    }
    return 'SPPSVC-In-TCP'
}

$result = $null
try {
    $json = [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ArgsBase64))
    $request = $json | ConvertFrom-Json
    if ([string](Get-ValueOrNull -InputObject $request -Name 'action') -ne 'enable-kms-rule') {
        throw (New-Object -TypeName System.ArgumentException -ArgumentList ('Unknown action ' + [string](Get-ValueOrNull -InputObject $request -Name 'action')))
    }
    $categories = @(Get-NetConnectionProfile | ForEach-Object { [int]$_.NetworkCategory })
    if ($categories.Count -eq 0) {
        throw (New-Object -TypeName System.InvalidOperationException -ArgumentList 'No network connection has a firewall profile, so there is no KMS rule to choose; connect the KMS host to its network first')
    }
    $names = @($categories | ForEach-Object { Get-FittingRule -Category $_ } | Sort-Object -Unique)
    $enabled = @()
    foreach ($name in $names) {
        Enable-NetFirewallRule -Name $name
        $rule = Get-NetFirewallRule -Name $name -PolicyStore 'ActiveStore'
        $remote = @(Get-NetFirewallAddressFilter -AssociatedNetFirewallRule $rule | ForEach-Object { @($_.RemoteAddress) } | ForEach-Object { [string]$_ })
        $enabled += [ordered]@{
            name          = $name
            enabled       = ([string]$rule.Enabled -eq 'True')
            profiles      = [string]$rule.Profile
            remoteAddress = $remote
        }
    }
    $result = [ordered]@{ ok = $true; data = [ordered]@{ rules = $enabled } }
}
catch {
    $kind = ''
    if ([string]$_.CategoryInfo.Category -eq 'ObjectNotFound') {
        $kind = 'not-found'
    }
    $result = New-ErrorResult -Record $_ -Kind $kind
}
ConvertTo-Json -InputObject $result -Depth 6 -Compress
