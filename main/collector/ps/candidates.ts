/**
 * PowerShell source of the collector script: reading the probes' JSON back, and deciding which
 * KMS hosts and DNS domains to check from it. The sources and their order are Activation
 * Doctor's (main/probes/network/candidates.ts, srv.ts, and the search-list rule of
 * main/probes/windows/network-config.ts); when the file is read, the app derives the same
 * candidates from the parsed facts and labels each check with them (main/collector/bundle.ts).
 *
 * Plain text with no template placeholders: nothing from outside ever goes into it.
 */
export const PS_CANDIDATE_FUNCTIONS = String.raw`
# ---------------------------------------------------------------------------------------------
# Reading the probes' JSON back (ConvertFrom-Json of what they printed)
# ---------------------------------------------------------------------------------------------

function Get-JsonList {
    # Windows PowerShell's ConvertTo-Json writes a one-element array as the element, an empty one
    # as null, and some arrays as {"value": [...], "Count": n}: all three are read as a list.
    param($Value)
    if ($null -eq $Value) {
        return
    }
    if ($Value -is [System.Array]) {
        return $Value
    }
    if ($null -ne $Value.PSObject.Properties['value'] -and $null -ne $Value.PSObject.Properties['Count'] -and $Value.value -is [System.Array]) {
        return $Value.value
    }
    return $Value
}

function Get-Text {
    # Trimmed text; null and "" (how CIM and the registry say "not set") become $null.
    param($Value)
    if ($null -eq $Value) {
        return $null
    }
    $text = Get-TrimmedText -Text ([string]$Value)
    if ($text -eq '') {
        return $null
    }
    return $text
}

function Get-Port {
    # A TCP port from a uint32 property: 0 (not set), 4294967295 and anything above 65535 are none.
    param($Value)
    $text = Get-Text -Value $Value
    if ($null -eq $text -or $text -notmatch '^[0-9]{1,10}\z') {
        return $null
    }
    $number = [long]$text
    if ($number -ge 1 -and $number -le 65535) {
        return [int]$number
    }
    return $null
}

function Test-ProbeValue {
    # True when the probe printed its facts, not an {"error": ...} envelope.
    param($Parsed)
    return $null -ne $Parsed -and $Parsed -isnot [System.Array] -and $null -eq $Parsed.PSObject.Properties['error']
}

# ---------------------------------------------------------------------------------------------
# Candidates: KMS hosts (host:port) and DNS domains to search for _vlmcs._tcp records
# ---------------------------------------------------------------------------------------------

$script:kmsCandidates = New-Object -TypeName 'System.Collections.Generic.List[object]'
$script:kmsCandidateIndex = @{}
$script:srvDomains = New-Object -TypeName 'System.Collections.Generic.List[object]'
$script:srvDomainIndex = @{}

function Add-KmsCandidate {
    # The same host on another port is another candidate; the same host:port from several places
    # is checked once and keeps every source. At most 64, as in a snapshot.
    param($HostName, $Port, [string]$Source)
    $text = Get-Text -Value $HostName
    if ($null -eq $text) {
        return
    }
    $name = ConvertTo-CandidateHost -Text $text
    $number = Get-Port -Value $Port
    if ($null -eq $number) {
        $number = 1688
    }
    $key = $name.ToLowerInvariant() + '|' + $number
    $known = $script:kmsCandidateIndex[$key]
    if ($null -ne $known) {
        if (-not $known.sources.Contains($Source)) {
            $known.sources.Add($Source)
        }
        return
    }
    if ($script:kmsCandidates.Count -ge 64) {
        return
    }
    $entry = [ordered]@{ host = $name; port = $number; sources = (New-Object -TypeName 'System.Collections.Generic.List[string]') }
    $entry.sources.Add($Source)
    $script:kmsCandidateIndex[$key] = $entry
    $script:kmsCandidates.Add($entry)
}

function Add-SrvDomain {
    # Only valid DNS domains (not a workgroup name, not junk from the registry); at most 32.
    param($Value, [string]$Source)
    $text = Get-Text -Value $Value
    if ($null -eq $text) {
        return
    }
    $parsed = ConvertFrom-DomainText -Text $text
    if (-not $parsed.ok) {
        return
    }
    $known = $script:srvDomainIndex[$parsed.domain]
    if ($null -ne $known) {
        if (-not $known.sources.Contains($Source)) {
            $known.sources.Add($Source)
        }
        return
    }
    if ($script:srvDomains.Count -ge 32) {
        return
    }
    $entry = [ordered]@{ domain = $parsed.domain; sources = (New-Object -TypeName 'System.Collections.Generic.List[string]') }
    $entry.sources.Add($Source)
    $script:srvDomainIndex[$parsed.domain] = $entry
    $script:srvDomains.Add($entry)
}

function Add-LicensingCandidate {
    # KeyManagementServiceMachine/Port (configured) and DiscoveredKeyManagementServiceMachineName/
    # Port (discovered), of the licensing service and of every Windows product; their lookup domains.
    param($Licensing)
    if (-not (Test-ProbeValue -Parsed $Licensing)) {
        return
    }
    $service = $Licensing.service
    $products = @(Get-JsonList -Value $Licensing.products)
    if ($null -ne $service) {
        Add-KmsCandidate -HostName $service.KeyManagementServiceMachine -Port $service.KeyManagementServicePort -Source 'configured'
    }
    foreach ($product in $products) {
        Add-KmsCandidate -HostName $product.KeyManagementServiceMachine -Port $product.KeyManagementServicePort -Source 'configured'
        Add-KmsCandidate -HostName $product.DiscoveredKeyManagementServiceMachineName -Port $product.DiscoveredKeyManagementServiceMachinePort -Source 'discovered'
    }
    if ($null -ne $service) {
        Add-SrvDomain -Value $service.KeyManagementServiceLookupDomain -Source 'lookup-domain'
    }
    foreach ($product in $products) {
        Add-SrvDomain -Value $product.KeyManagementServiceLookupDomain -Source 'lookup-domain'
    }
}

function Get-UniqueName {
    # Trimmed, without trailing dots, de-duplicated case-insensitively, in first-seen order.
    param([object[]]$Values)
    $seen = @{}
    $names = New-Object -TypeName 'System.Collections.Generic.List[string]'
    foreach ($value in $Values) {
        $text = Get-Text -Value $value
        if ($null -eq $text) {
            continue
        }
        $name = $text -replace '\.+\z', ''
        if ($name -eq '' -or $seen.ContainsKey($name.ToLowerInvariant())) {
            continue
        }
        $seen[$name.ToLowerInvariant()] = $true
        $names.Add($name)
        if ($names.Count -ge 64) {
            break
        }
    }
    return $names.ToArray()
}

function Get-Metric {
    param($Value)
    $text = Get-Text -Value $Value
    if ($null -ne $text -and $text -match '^[0-9]{1,10}\z' -and [long]$text -lt 4294967295) {
        return [long]$text
    }
    return 65535
}

function Add-NetworkConfigDomain {
    # What a KMS client searches: the primary DNS suffix, the AD domain (when joined), the
    # connection-specific suffixes and the suffix search list (policy, then configured, then per
    # adapter; by default the primary suffix followed by the connection suffixes).
    param($Config)
    if (-not (Test-ProbeValue -Parsed $Config)) {
        return
    }
    $primary = @(Get-UniqueName -Values @($Config.policyPrimaryDnsSuffix, $Config.tcpipDomain, $Config.tcpipNvDomain))
    # Lowest interface metric first: the adapter Windows prefers for DNS.
    $adapters = @(Get-JsonList -Value $Config.adapters | Sort-Object -Property @{ Expression = { Get-Metric -Value $_.IPConnectionMetric } })
    $connection = @(Get-UniqueName -Values @($adapters | ForEach-Object { $_.DNSDomain }))
    $searchList = @(Get-UniqueName -Values @([regex]::Split([string]$Config.policySearchList, '[,\s]+')))
    if ($searchList.Count -eq 0) {
        $searchList = @(Get-UniqueName -Values @([regex]::Split([string]$Config.tcpipSearchList, '[,\s]+')))
    }
    if ($searchList.Count -eq 0) {
        $searchList = @(Get-UniqueName -Values @($adapters | ForEach-Object { Get-JsonList -Value $_.DNSDomainSuffixSearchOrder }))
    }
    if ($searchList.Count -eq 0) {
        $searchList = @(Get-UniqueName -Values @($primary + $connection))
    }
    if ($primary.Count -gt 0) {
        Add-SrvDomain -Value $primary[0] -Source 'primary-suffix'
    }
    if (($Config.partOfDomain -is [bool] -and $Config.partOfDomain) -or [string]$Config.partOfDomain -eq '1') {
        Add-SrvDomain -Value $Config.domain -Source 'ad-domain'
    }
    foreach ($suffix in $connection) {
        Add-SrvDomain -Value $suffix -Source 'connection-suffix'
    }
    foreach ($suffix in $searchList) {
        Add-SrvDomain -Value $suffix -Source 'search-list'
    }
}

function Split-HostPort {
    # "kms01.contoso.com:1688" or "[2001:db8::5]:1688" -> host and port, as in an event's Info.
    param([string]$Text)
    $raw = Get-TrimmedText -Text $Text
    $result = @{ host = $raw; port = $null }
    $bracketed = [regex]::Match($raw, '^\[([^\]]+)\](?::([0-9]+))?\z')
    if ($bracketed.Success) {
        $result.host = $bracketed.Groups[1].Value
        if ($bracketed.Groups[2].Success) {
            $result.port = $bracketed.Groups[2].Value
        }
        return $result
    }
    $colon = $raw.LastIndexOf(':')
    # More than one colon and no brackets: an IPv6 address without a port.
    if ($colon -ge 0 -and $raw.IndexOf(':') -eq $colon) {
        $result.host = $raw.Substring(0, $colon)
        $result.port = $raw.Substring($colon + 1)
    }
    return $result
}

function Add-EventCandidate {
    # The KMS host named in the newest 12288 event: where the last activation request went. Its
    # Info is one comma-separated value, or one value per field; the host is the third field.
    param($Events)
    if (-not (Test-ProbeValue -Parsed $Events)) {
        return
    }
    $newest = $null
    foreach ($record in @(Get-JsonList -Value $Events.e12288)) {
        $time = Get-Text -Value $record.timeCreated
        if ($null -ne $time -and ($null -eq $newest -or [string]::CompareOrdinal($time, [string]$newest.timeCreated) -gt 0)) {
            $newest = $record
        }
    }
    if ($null -eq $newest) {
        return
    }
    $values = @(Get-JsonList -Value $newest.data | ForEach-Object { Get-TrimmedText -Text ([string]$_) })
    $fields = $values
    if ($values.Count -eq 1) {
        $fields = @($values[0].Split(',') | ForEach-Object { Get-TrimmedText -Text $_ })
    }
    if ($fields.Count -lt 3) {
        return
    }
    $target = Split-HostPort -Text $fields[2]
    Add-KmsCandidate -HostName $target.host -Port $target.port -Source 'event'
}
`;
