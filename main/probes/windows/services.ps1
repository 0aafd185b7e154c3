# Activation Doctor collector: the Software Protection (sppsvc) and Windows Time (W32Time)
# services, and how Windows Time is configured.
# Windows PowerShell 5.1. Reads Win32_Service through CIM and W32Time's settings from the registry
# (never w32tm or sc.exe text) and prints one JSON document; a failure is printed as
# {"error": {...}} instead of being thrown.
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

function Get-OptionalKey {
    param(
        [string]$Path
    )
    if (Test-Path -LiteralPath $Path) {
        return Get-ItemProperty -LiteralPath $Path -ErrorAction Stop
    }
    return $null
}

function Get-OptionalValue {
    param(
        [string]$Path,
        [string]$Name
    )
    $key = Get-OptionalKey -Path $Path
    if ($null -eq $key) {
        return $null
    }
    return $key.$Name
}

function Get-ServiceEntry {
    param(
        [string]$Name,
        $Found
    )
    $entry = [ordered]@{
        name                     = $Name
        exists                   = $false
        state                    = $null
        startMode                = $null
        delayedAutoStart         = $null
        registryDelayedAutostart = Get-OptionalValue -Path ('HKLM:\SYSTEM\CurrentControlSet\Services\' + $Name) -Name 'DelayedAutostart'
    }
    $service = @($Found | Where-Object { $_.Name -eq $Name })
    if ($service.Count -gt 0) {
        $entry.exists = $true
        $entry.state = $service[0].State
        $entry.startMode = $service[0].StartMode
        $entry.delayedAutoStart = $service[0].DelayedAutoStart
    }
    return $entry
}

try {
    $found = @(Get-CimInstance -ClassName 'Win32_Service' -Filter "Name = 'sppsvc' OR Name = 'W32Time'" -ErrorAction Stop)
    $parameters = 'HKLM:\SYSTEM\CurrentControlSet\Services\W32Time\Parameters'
    $ntpClient = 'HKLM:\SYSTEM\CurrentControlSet\Services\W32Time\TimeProviders\NtpClient'
    # Group Policy ("Configure Windows NTP Client") overrides the service's own settings.
    $policyParameters = 'HKLM:\SOFTWARE\Policies\Microsoft\W32Time\Parameters'
    $policyNtpClient = 'HKLM:\SOFTWARE\Policies\Microsoft\W32Time\TimeProviders\NtpClient'

    $result = [ordered]@{
        sppsvc                 = Get-ServiceEntry -Name 'sppsvc' -Found $found
        w32time                = Get-ServiceEntry -Name 'W32Time' -Found $found
        w32timeType            = Get-OptionalValue -Path $parameters -Name 'Type'
        w32timeNtpServer       = Get-OptionalValue -Path $parameters -Name 'NtpServer'
        ntpClientEnabled       = Get-OptionalValue -Path $ntpClient -Name 'Enabled'
        policyType             = Get-OptionalValue -Path $policyParameters -Name 'Type'
        policyNtpServer        = Get-OptionalValue -Path $policyParameters -Name 'NtpServer'
        policyNtpClientEnabled = Get-OptionalValue -Path $policyNtpClient -Name 'Enabled'
    }
}
catch {
    $result = New-ErrorResult -Record $_
}

ConvertTo-Json -InputObject $result -Depth 6
