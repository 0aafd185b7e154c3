<#
  Activation Doctor fix operation: open TCP 1688 on a KMS host by enabling the built-in KMS rule
  that fits the active network profiles (by each rule's own Profile; never for Public). Windows has two, both disabled by default, in the group
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

# The decision, the same as the preview's (enable-kms-firewall-rule.ts, chooseKmsRules):
# - the profiles to open are the active Domain and Private ones, never Public: on a computer whose
#   only active network is Public nothing is opened (the technician makes that network Private);
# - for each, the built-in rule whose own Profile covers it (read from the rule, not assumed),
#   preferring a rule that does not also apply to Public; a rule that does is refused while a
#   Public network is active (it would open TCP 1688 there too);
# - the local copy of the rule is enabled; a rule that exists only through Group Policy is
#   reported as needing Group Policy, and a disabled Group Policy copy beside the local one is named.
$ruleNames = @('SPPSVC-In-TCP-NoScope', 'SPPSVC-In-TCP')
# Profile flags as NetSecurity defines them: 0 Any, 1 Domain, 2 Private, 4 Public.
$profileNames = @{ 1 = 'Domain'; 2 = 'Private'; 4 = 'Public' }

function Get-ProfileText {
    param([int]$Mask)
    if ($Mask -eq 0) {
        return 'Any'
    }
    return (@(1, 2, 4 | Where-Object { ($Mask -band $_) -ne 0 } | ForEach-Object { $profileNames[$_] }) -join ', ')
}

function Test-RuleCovers {
    param($Rule, [int]$Flag)
    $mask = [int]$Rule.Profile
    return ($mask -eq 0 -or ($mask -band $Flag) -ne 0)
}

function Get-RuleCopies {
    # Every copy of the rule in the active store (local and Group Policy); none when it does not exist.
    param([string]$Name)
    try {
        return @(Get-NetFirewallRule -Name $Name -PolicyStore 'ActiveStore' -ErrorAction Stop)
    }
    catch {
        if ([string]$_.CategoryInfo.Category -eq 'ObjectNotFound') {
            return @()
        }
        throw
    }
}

$result = $null
$failKind = ''
try {
    $json = [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ArgsBase64))
    $request = $json | ConvertFrom-Json
    if ([string](Get-ValueOrNull -InputObject $request -Name 'action') -ne 'enable-kms-rule') {
        throw (New-Object -TypeName System.ArgumentException -ArgumentList ('Unknown action ' + [string](Get-ValueOrNull -InputObject $request -Name 'action')))
    }
    # NetworkCategory: 0 Public, 1 Private, 2 DomainAuthenticated.
    $categories = @(Get-NetConnectionProfile | ForEach-Object { [int]$_.NetworkCategory })
    if ($categories.Count -eq 0) {
        throw (New-Object -TypeName System.InvalidOperationException -ArgumentList 'No network connection has a firewall profile, so there is no KMS rule to choose; connect the KMS host to its network first')
    }
    $active = 0
    foreach ($category in $categories) {
        switch ($category) {
            2 { $active = $active -bor 1 }
            1 { $active = $active -bor 2 }
            default { $active = $active -bor 4 }
        }
    }
    $targets = @(1, 2 | Where-Object { ($active -band $_) -ne 0 })
    if ($targets.Count -eq 0) {
        $failKind = 'failed'
        throw (New-Object -TypeName System.InvalidOperationException -ArgumentList 'The only active network on this computer is Public, and Activation Doctor does not open the KMS port (TCP 1688) on a public network. If this KMS host is on a trusted network, make that network Private (Set-NetConnectionProfile -NetworkCategory Private) or join it to the domain, then run the fix again')
    }
    $copies = [ordered]@{}
    foreach ($name in $ruleNames) {
        $copies[$name] = @(Get-RuleCopies -Name $name)
    }
    $chosen = @()
    foreach ($target in $targets) {
        if (@($chosen | Where-Object { @($copies[$_] | Where-Object { Test-RuleCovers -Rule $_ -Flag $target }).Count -gt 0 }).Count -gt 0) {
            continue
        }
        $fitting = @($ruleNames | Where-Object { @($copies[$_] | Where-Object { Test-RuleCovers -Rule $_ -Flag $target }).Count -gt 0 })
        $private = @($fitting | Where-Object { @($copies[$_] | Where-Object { Test-RuleCovers -Rule $_ -Flag 4 }).Count -eq 0 })
        if ($private.Count -gt 0) {
            $chosen += $private[0]
        }
        elseif ($fitting.Count -gt 0) {
            if (($active -band 4) -ne 0) {
                $failKind = 'failed'
                throw (New-Object -TypeName System.InvalidOperationException -ArgumentList ('The rule for the ' + $profileNames[$target] + ' network here (' + $fitting[0] + ') also applies to Public networks, and a Public network is active on this computer: enabling it would open TCP 1688 there too. Make that network Private, or open the port with a rule of your own for the ' + $profileNames[$target] + ' profile only'))
            }
            $chosen += $fitting[0]
        }
        else {
            $failKind = 'not-found'
            throw (New-Object -TypeName System.InvalidOperationException -ArgumentList ('No built-in KMS firewall rule (SPPSVC-In-TCP, SPPSVC-In-TCP-NoScope) covers the ' + $profileNames[$target] + ' profile on this computer'))
        }
    }
    $enabled = @()
    foreach ($name in $chosen) {
        $local = @($copies[$name] | Where-Object { [string]$_.PolicyStoreSourceType -eq 'Local' })
        $fromPolicy = @($copies[$name] | Where-Object { [string]$_.PolicyStoreSourceType -eq 'GroupPolicy' })
        if ($local.Count -eq 0) {
            $failKind = 'failed'
            throw (New-Object -TypeName System.InvalidOperationException -ArgumentList ('The rule ' + $name + ' on this computer comes from Group Policy, so it cannot be enabled here: enable it in the Group Policy object that sets it (Computer Configuration > Policies > Windows Settings > Security Settings > Windows Defender Firewall with Advanced Security > Inbound Rules)'))
        }
        Enable-NetFirewallRule -Name $name
        $rule = @(Get-RuleCopies -Name $name | Where-Object { [string]$_.PolicyStoreSourceType -eq 'Local' }) | Select-Object -First 1
        $remote = @(Get-NetFirewallAddressFilter -AssociatedNetFirewallRule $rule | ForEach-Object { @($_.RemoteAddress) } | ForEach-Object { [string]$_ })
        $note = $null
        if ($fromPolicy.Count -gt 0) {
            $policyState = 'disabled'
            if (@($fromPolicy | Where-Object { [string]$_.Enabled -eq 'True' }).Count -gt 0) {
                $policyState = 'enabled'
            }
            $note = 'Group Policy also defines ' + $name + ' (' + $policyState + '); the local copy was enabled. If Group Policy does not apply local firewall rules, enable it in Group Policy instead'
        }
        $enabled += [ordered]@{
            name          = $name
            enabled       = ([string]$rule.Enabled -eq 'True')
            profiles      = Get-ProfileText -Mask ([int]$rule.Profile)
            remoteAddress = $remote
            policySource  = 'Local'
            note          = $note
        }
    }
    $result = [ordered]@{ ok = $true; data = [ordered]@{ rules = $enabled } }
}
catch {
    $kind = $failKind
    if ($kind -eq '' -and [string]$_.CategoryInfo.Category -eq 'ObjectNotFound') {
        $kind = 'not-found'
    }
    $result = New-ErrorResult -Record $_ -Kind $kind
}
ConvertTo-Json -InputObject $result -Depth 6 -Compress
