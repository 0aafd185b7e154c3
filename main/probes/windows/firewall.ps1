# Activation Doctor collector: Windows' two built-in KMS firewall rules (TCP 1688 inbound, group
# "@FirewallAPI.dll,-28002", both disabled by default): SPPSVC-In-TCP (Private and Public profiles,
# local subnet only) and SPPSVC-In-TCP-NoScope (Domain profile, any address), as the firewall
# enforces them (the active store, so rules set by Group Policy count), each with its profiles and
# remote address filter; and the firewall profiles of the networks this computer is connected to.
# Windows PowerShell 5.1 (NetSecurity and NetConnection modules, Windows 8 / Server 2012 and later).
# Prints one JSON document; a failure is printed as {"error": {...}} instead of being thrown.
param(
    [string]$ArgsBase64 = ''
)

# The shared prologue: preferences for every stream, UTF-8 output, the error envelope.
. ([System.IO.Path]::Combine($PSScriptRoot, '_prologue.ps1'))

function Get-KmsRule {
    param(
        [string]$Name
    )
    try {
        $found = @(Get-NetFirewallRule -Name $Name -PolicyStore 'ActiveStore' -ErrorAction Stop)
    }
    catch {
        # Only "no such object" is an answer; a missing cmdlet (Windows 7) is reported as not supported.
        if ($_.Exception -is [System.Management.Automation.CommandNotFoundException] -or [string]$_.CategoryInfo.Category -ne 'ObjectNotFound') {
            throw
        }
        return
    }
    foreach ($rule in $found) {
        # RemoteAddress: 'Any', 'LocalSubnet', or addresses and ranges.
        $filter = @(Get-NetFirewallAddressFilter -AssociatedNetFirewallRule $rule -ErrorAction Stop)
        $remote = @($filter | ForEach-Object { @($_.RemoteAddress) } | ForEach-Object { [string]$_ })
        # Enabled, Profile and PolicyStoreSourceType are enums that 5.1 would write as numbers: cast them here.
        [ordered]@{
            name           = [string]$rule.Name
            enabled        = ([string]$rule.Enabled -eq 'True')
            profile        = [int]$rule.Profile
            direction      = [string]$rule.Direction
            action         = [string]$rule.Action
            remoteAddress  = $remote
            policySource   = [string]$rule.PolicyStoreSourceType
        }
    }
}

try {
    $service = Get-CimProperty -ClassName 'SoftwareLicensingService' -Property @('IsKeyManagementServiceMachine') | Select-Object -First 1 -Property 'IsKeyManagementServiceMachine'

    $rules = @(Get-KmsRule -Name 'SPPSVC-In-TCP') + @(Get-KmsRule -Name 'SPPSVC-In-TCP-NoScope')

    # NetworkCategory: 0 Public, 1 Private, 2 DomainAuthenticated. No connection is not an error.
    $categories = @()
    try {
        $categories = @(Get-NetConnectionProfile -ErrorAction Stop | ForEach-Object { [int]$_.NetworkCategory })
    }
    catch {
        # Only "no such object" is an answer; a missing cmdlet (Windows 7) is reported as not supported.
        if ($_.Exception -is [System.Management.Automation.CommandNotFoundException] -or [string]$_.CategoryInfo.Category -ne 'ObjectNotFound') {
            throw
        }
    }

    $result = [ordered]@{
        isKeyManagementServiceMachine = $service.IsKeyManagementServiceMachine
        rules                         = $rules
        connectionCategories          = $categories
    }
}
catch {
    $result = New-ErrorResult -Record $_
}

ConvertTo-Json -InputObject $result -Depth 6
