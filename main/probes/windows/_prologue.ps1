# Activation Doctor: the prologue every probe script and fix operation runs first, in its own
# scope. The scripts dot-source this file from their folder; the collector script embeds it once,
# as a function each embedded probe dot-sources (main/collector/script.ts). Windows PowerShell 5.1
# (the collector also 3.0 and 4.0). It only sets preferences and defines functions: no output.

# Every stream but output and error is silenced, so "WARNING: Waiting for service ...", progress
# records, verbose or information text never land on stdout next to the one JSON document.
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$WarningPreference = 'SilentlyContinue'
$VerbosePreference = 'SilentlyContinue'
$InformationPreference = 'SilentlyContinue'
$DebugPreference = 'SilentlyContinue'
# Never ask: there is nobody to answer a confirmation prompt on the runner's stdin.
$ConfirmPreference = 'None'
try {
    [Console]::OutputEncoding = New-Object -TypeName 'System.Text.UTF8Encoding' -ArgumentList $false
}
catch {
    # Started without a console to configure: the output keeps its default code page.
}

# The licensing or WMI code of a failure. CIM cmdlets throw a CimException whose ErrorData is an
# MSFT_WmiError instance: its error_Code is the real HRESULT (0xC004F074, 0x80041003), while
# Exception.HResult is only the generic 0x80131500. Other exceptions carry their own HResult.
function Get-ErrorCode {
    param(
        $Exception
    )
    $code = $null
    $data = $null
    if ($null -ne $Exception -and $null -ne $Exception.PSObject.Properties['ErrorData']) {
        $data = $Exception.ErrorData
    }
    if ($null -ne $data -and $null -ne $data.PSObject.Properties['CimInstanceProperties']) {
        $property = $data.CimInstanceProperties['error_Code']
        if ($null -ne $property -and $null -ne $property.Value) {
            $code = [int64]$property.Value
        }
    }
    if ($null -eq $code -and $null -ne $Exception) {
        $code = [int64]$Exception.HResult
    }
    return $code
}

# A caught failure as the error envelope every script prints: {"error": {kind, message, hresult,
# errorId, category}}. Kind, category and errorId are never localized; the message is.
function New-ErrorResult {
    param(
        [System.Management.Automation.ErrorRecord]$Record,
        [string]$Kind = ''
    )
    $exception = $Record.Exception
    $category = [string]$Record.CategoryInfo.Category
    $code = Get-ErrorCode -Exception $exception
    if ($Kind -eq '') {
        $Kind = 'failed'
        # 0x80070005 E_ACCESSDENIED, 0x80041003 WBEM_E_ACCESS_DENIED.
        if ($exception -is [System.UnauthorizedAccessException] -or $category -eq 'PermissionDenied' -or $code -eq -2147024891 -or $code -eq 2147942405 -or $code -eq 2147749891 -or $code -eq -2147217405) {
            $Kind = 'access-denied'
        }
        elseif ($exception -is [System.Management.Automation.CommandNotFoundException]) {
            $Kind = 'not-supported'
        }
    }
    return [ordered]@{
        error = [ordered]@{
            kind     = $Kind
            message  = [string]$exception.Message
            hresult  = $code
            errorId  = [string]$Record.FullyQualifiedErrorId
            category = $category
        }
    }
}

# Windows' own system folder for this process: System32, or Sysnative when a 32-bit PowerShell runs
# on 64-bit Windows (its System32 is redirected to SysWOW64, whose tools act on the 32-bit view).
function Get-SystemDirectory {
    $system = [Environment]::SystemDirectory
    if ([Environment]::Is64BitOperatingSystem -and -not [Environment]::Is64BitProcess) {
        $system = [System.IO.Path]::Combine([Environment]::GetFolderPath('Windows'), 'Sysnative')
    }
    return $system
}

# The absolute path of a program from the system folder (w32tm.exe, sc.exe), never looked up
# through PATH or the current folder.
function Get-SystemExecutable {
    param(
        [string]$Name
    )
    if ($Name -notmatch '^[A-Za-z0-9]+\.exe$') {
        throw (New-Object -TypeName 'System.ArgumentException' -ArgumentList ('Not a system program name: ' + $Name))
    }
    $path = [System.IO.Path]::Combine((Get-SystemDirectory), $Name)
    if (-not (Test-Path -LiteralPath $path -PathType Leaf)) {
        throw (New-Object -TypeName 'System.IO.FileNotFoundException' -ArgumentList ($Name + ' was not found in ' + (Get-SystemDirectory)))
    }
    return $path
}

# Get-CimInstance reading only the properties a script uses (a cold SoftwareLicensingProduct query
# is much faster that way). Windows versions older than a property (Windows 7 has no
# VLActivationType) answer WBEM_E_INVALID_QUERY (0x80041017) or WBEM_E_INVALID_PROPERTY
# (0x80041029): then every property is read, as before.
function Get-CimProperty {
    param(
        [string]$ClassName,
        [string]$Filter = '',
        [string[]]$Property
    )
    $query = @{ ClassName = $ClassName; Property = $Property; ErrorAction = 'Stop' }
    if ($Filter -ne '') {
        $query['Filter'] = $Filter
    }
    try {
        $found = @(Get-CimInstance @query)
    }
    catch {
        $code = Get-ErrorCode -Exception $_.Exception
        if ($code -ne 2147749911 -and $code -ne -2147217385 -and $code -ne 2147749929 -and $code -ne -2147217367) {
            throw
        }
        $null = $query.Remove('Property')
        $found = @(Get-CimInstance @query)
    }
    return $found
}

# A property of an object that may be $null or lack it (a registry value that is not set), as
# $null, also under Set-StrictMode -Version Latest. Arrays (REG_BINARY as byte[]) stay whole.
function Get-ValueOrNull {
    param(
        $InputObject,
        [string]$Name
    )
    if ($null -eq $InputObject) {
        return $null
    }
    $property = $InputObject.PSObject.Properties[$Name]
    if ($null -eq $property) {
        return $null
    }
    return , $property.Value
}

# A registry key's values, or $null when the key does not exist (reading a key that exists may still fail).
function Get-OptionalKey {
    param(
        [string]$Path
    )
    if (Test-Path -LiteralPath $Path) {
        return Get-ItemProperty -LiteralPath $Path -ErrorAction Stop
    }
    return $null
}

# A CIM datetime as ISO 8601 UTC, anything else (an unset value) as $null.
function ConvertTo-IsoTime {
    param(
        $Value
    )
    if ($Value -is [datetime]) {
        return $Value.ToUniversalTime().ToString('o')
    }
    return $null
}

# What licensing.ps1 and office.ps1 read of each SoftwareLicensingProduct (Windows and Office
# licences alike, so the app parses both with one parser). Properties newer than a Windows version
# fall back through Get-CimProperty.
$SppProductProperties = @(
    'ID',
    'Name',
    'Description',
    'LicenseFamily',
    'ProductKeyChannel',
    'PartialProductKey',
    'LicenseStatus',
    'LicenseStatusReason',
    'GracePeriodRemaining',
    @{ Name = 'EvaluationEndDate'; Expression = { ConvertTo-IsoTime -Value $_.EvaluationEndDate } },
    'LicenseIsAddon',
    'KeyManagementServiceMachine',
    'KeyManagementServicePort',
    'KeyManagementServiceLookupDomain',
    'DiscoveredKeyManagementServiceMachineName',
    'DiscoveredKeyManagementServiceMachinePort',
    'DiscoveredKeyManagementServiceMachineIpAddress',
    'KeyManagementServiceProductKeyID',
    'VLActivationType',
    'VLActivationTypeEnabled',
    'VLActivationInterval',
    'VLRenewalInterval',
    'IsKeyManagementServiceMachine',
    'KeyManagementServiceCurrentCount',
    'RequiredClientCount',
    'AutomaticVMActivationHostMachineName',
    @{ Name = 'AutomaticVMActivationLastActivationTime'; Expression = { ConvertTo-IsoTime -Value $_.AutomaticVMActivationLastActivationTime } },
    'ADActivationObjectName',
    'ADActivationObjectDN',
    'ADActivationCsvlkPid',
    'ADActivationCsvlkSkuId'
)
