# Activation Doctor collector: the built-in KMS firewall rule (SPPSVC-In-TCP, TCP 1688 inbound),
# which a KMS host needs enabled and which is disabled by default, and the firewall profiles of the
# networks this computer is connected to.
# Windows PowerShell 5.1 (NetSecurity and NetConnection modules, Windows 8 / Server 2012 and later).
# Prints one JSON document; a failure is printed as {"error": {...}} instead of being thrown.
param(
    [string]$ArgsBase64 = ''
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
try {
    [Console]::OutputEncoding = New-Object -TypeName 'System.Text.UTF8Encoding' -ArgumentList $false
}
catch {
    # Started without a console to configure: the output keeps its default code page.
}

function New-ErrorResult {
    param(
        [System.Management.Automation.ErrorRecord]$Record
    )
    $exception = $Record.Exception
    $category = [string]$Record.CategoryInfo.Category
    $kind = 'failed'
    if ($exception -is [System.UnauthorizedAccessException] -or $category -eq 'PermissionDenied' -or $exception.HResult -eq -2147024891) {
        $kind = 'access-denied'
    }
    elseif ($exception -is [System.Management.Automation.CommandNotFoundException]) {
        $kind = 'not-supported'
    }
    return [ordered]@{
        error = [ordered]@{
            kind     = $kind
            message  = [string]$exception.Message
            hresult  = $exception.HResult
            errorId  = [string]$Record.FullyQualifiedErrorId
            category = $category
        }
    }
}

try {
    $service = Get-CimInstance -ClassName 'SoftwareLicensingService' -ErrorAction Stop | Select-Object -First 1 -Property 'IsKeyManagementServiceMachine'

    $rule = $null
    try {
        $found = Get-NetFirewallRule -Name 'SPPSVC-In-TCP' -ErrorAction Stop
        # Enabled and Profile are enums that 5.1 would write as numbers: cast them here.
        $rule = [ordered]@{
            enabled   = ([string]$found.Enabled -eq 'True')
            profile   = [int]$found.Profile
            direction = [string]$found.Direction
            action    = [string]$found.Action
        }
    }
    catch {
        # Only "no such object" is an answer; a missing cmdlet (Windows 7) is reported as not supported.
        if ($_.Exception -is [System.Management.Automation.CommandNotFoundException] -or [string]$_.CategoryInfo.Category -ne 'ObjectNotFound') {
            throw
        }
    }

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
        rule                          = $rule
        connectionCategories          = $categories
    }
}
catch {
    $result = New-ErrorResult -Record $_
}

ConvertTo-Json -InputObject $result -Depth 6
