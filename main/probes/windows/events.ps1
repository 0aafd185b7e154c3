# Activation Doctor collector: activation evidence in the event logs. The client's Application
# log holds Security-SPP events 12288 (request sent to a KMS host), 12289 (answer processed) and
# 8198 (activation failed); a KMS host's "Key Management Service" log holds 12290 (request served).
# Windows PowerShell 5.1. Returns each event's time (UTC) and its EventData values, never the
# localized message text. Prints one JSON document; a failure is printed as {"error": {...}}.
# Parameters (base64 JSON): {"maxEvents": 1..10} (default 10 of each event).
param(
    [string]$ArgsBase64 = ''
)

# The shared prologue: preferences for every stream, UTF-8 output, the error envelope.
. ([System.IO.Path]::Combine($PSScriptRoot, '_prologue.ps1'))

function Get-SppEvent {
    param(
        [string]$LogName,
        [string]$ProviderName,
        [int]$Id,
        [int]$MaxEvents
    )
    $filter = @{ LogName = $LogName; Id = $Id }
    if ($ProviderName -ne '') {
        $filter['ProviderName'] = $ProviderName
    }
    try {
        $records = @(Get-WinEvent -FilterHashtable $filter -MaxEvents $MaxEvents -ErrorAction Stop)
    }
    catch {
        # "No events were found" (or no such log) is an answer, not a failure.
        if ([string]$_.FullyQualifiedErrorId -like 'NoMatching*') {
            return
        }
        throw
    }
    foreach ($record in $records) {
        $data = @($record.Properties | ForEach-Object { [string]$_.Value })
        $time = $null
        if ($null -ne $record.TimeCreated) {
            $time = $record.TimeCreated.ToUniversalTime().ToString('o')
        }
        [ordered]@{
            id          = $record.Id
            timeCreated = $time
            recordId    = $record.RecordId
            data        = $data
        }
    }
}

try {
    $maxEvents = 10
    if ($ArgsBase64 -ne '') {
        $options = ConvertFrom-Json -InputObject ([System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ArgsBase64)))
        $requested = Get-ValueOrNull -InputObject $options -Name 'maxEvents'
        if ($null -ne $requested) {
            $maxEvents = [Math]::Min([Math]::Max([int]$requested, 1), 10)
        }
    }

    $provider = 'Microsoft-Windows-Security-SPP'
    $kmsLogExists = $null -ne (Get-WinEvent -ListLog 'Key Management Service' -ErrorAction SilentlyContinue)
    $e12290 = @()
    if ($kmsLogExists) {
        $e12290 = @(Get-SppEvent -LogName 'Key Management Service' -ProviderName '' -Id 12290 -MaxEvents $maxEvents)
    }

    $result = [ordered]@{
        maxEvents    = $maxEvents
        kmsLogExists = $kmsLogExists
        e12288       = @(Get-SppEvent -LogName 'Application' -ProviderName $provider -Id 12288 -MaxEvents $maxEvents)
        e12289       = @(Get-SppEvent -LogName 'Application' -ProviderName $provider -Id 12289 -MaxEvents $maxEvents)
        e8198        = @(Get-SppEvent -LogName 'Application' -ProviderName $provider -Id 8198 -MaxEvents $maxEvents)
        e12290       = $e12290
    }
}
catch {
    $result = New-ErrorResult -Record $_
}

ConvertTo-Json -InputObject $result -Depth 6
