# Activation Doctor collector: the Software Protection (sppsvc) and Windows Time (W32Time)
# services, and how Windows Time is configured.
# Windows PowerShell 5.1. Reads Win32_Service through CIM and W32Time's settings from the registry
# (never w32tm or sc.exe text) and prints one JSON document; a failure is printed as
# {"error": {...}} instead of being thrown.
param(
    [string]$ArgsBase64 = ''
)

# The shared prologue: preferences for every stream, UTF-8 output, the error envelope.
. ([System.IO.Path]::Combine($PSScriptRoot, '_prologue.ps1'))

function Get-OptionalValue {
    param(
        [string]$Path,
        [string]$Name
    )
    return Get-ValueOrNull -InputObject (Get-OptionalKey -Path $Path) -Name $Name
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
        # Win32_Service.DelayedAutoStart is newer than Windows Server 2012 R2.
        $entry.delayedAutoStart = Get-ValueOrNull -InputObject $service[0] -Name 'DelayedAutoStart'
    }
    return $entry
}

try {
    $found = @(Get-CimProperty -ClassName 'Win32_Service' -Filter "Name = 'sppsvc' OR Name = 'W32Time'" -Property @('Name', 'State', 'StartMode', 'DelayedAutoStart'))
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
