/**
 * PowerShell source of the collector script: the input grammar of -KmsHost and -Domain, and the
 * host normalisation used for candidates. It mirrors shared/inputs.ts rule for rule (same regexes,
 * same order of checks, same wording), so a value the script accepts is one Activation Doctor
 * accepts when it reads the file, and a host the script writes is written as the app writes it.
 *
 * Plain text with no template placeholders: nothing from outside ever goes into it.
 */
export const PS_INPUT_FUNCTIONS = String.raw`
# ---------------------------------------------------------------------------------------------
# Input grammar: the rules of Activation Doctor's own (shared/inputs.ts), so a value accepted
# here is accepted when the file is read. \z, not $: $ would also match before a final newline.
# -cmatch, not -match: case-insensitive [A-Za-z] in .NET also matches the Kelvin sign (U+212A).
# ---------------------------------------------------------------------------------------------

function Get-TrimmedText {
    # Trimmed as JavaScript trims (the app reads every value so): .NET's Trim() keeps U+FEFF and
    # drops U+0085, JavaScript's the other way round.
    param([string]$Text)
    return $Text.Trim([char[]]@(0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF))
}

function Test-Ipv4Text {
    param([string]$Text)
    return $Text -cmatch '^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\z'
}

function Test-Ipv6Group {
    param([string[]]$Groups)
    foreach ($group in $Groups) {
        if ($group -cnotmatch '^[0-9A-Fa-f]{1,4}\z') {
            return $false
        }
    }
    return $true
}

function Test-Ipv6Text {
    # An IPv6 literal without brackets and without a zone id.
    param([string]$Text)
    if ($Text.Length -lt 2 -or $Text.Length -gt 45 -or $Text -cnotmatch '^[0-9A-Fa-f:.]+\z') {
        return $false
    }
    $body = $Text
    $lastColon = $body.LastIndexOf(':')
    $tail = $body.Substring($lastColon + 1)
    if ($tail.Contains('.')) {
        if (-not (Test-Ipv4Text -Text $tail)) {
            return $false
        }
        # The dotted tail stands for the last two groups.
        $body = $body.Substring(0, $lastColon + 1) + '0:0'
    }
    $doubleColons = ($body.Length - $body.Replace('::', '').Length) / 2
    if ($doubleColons -gt 1) {
        return $false
    }
    if ($doubleColons -eq 1) {
        $index = $body.IndexOf('::')
        $head = $body.Substring(0, $index)
        $rest = $body.Substring($index + 2)
        $groups = @()
        if ($head -ne '') {
            $groups += $head.Split(':')
        }
        if ($rest -ne '') {
            $groups += $rest.Split(':')
        }
        return (Test-Ipv6Group -Groups $groups) -and $groups.Count -le 7
    }
    $all = $body.Split(':')
    return $all.Count -eq 8 -and (Test-Ipv6Group -Groups $all)
}

function Test-HostNameText {
    # RFC 1123: labels of letters, digits and inner hyphens, 1 to 63 each, 253 in total; the last
    # label is not all digits (resolvers would read it as an IPv4 address).
    param([string]$Text)
    $name = $Text
    if ($name.EndsWith('.')) {
        $name = $name.Substring(0, $name.Length - 1)
    }
    if ($name.Length -eq 0 -or $name.Length -gt 253) {
        return $false
    }
    $labels = $name.Split('.')
    foreach ($label in $labels) {
        if ($label -cnotmatch '^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\z') {
            return $false
        }
    }
    return $labels[$labels.Count - 1] -cnotmatch '^[0-9]+\z'
}

function Get-InputProblem {
    param([string]$Text)
    if ($Text.Length -eq 0) {
        return 'it is empty'
    }
    if ($Text.Length -gt 300) {
        return 'it is too long (at most 300 characters)'
    }
    if ($Text -cnotmatch '^[\x21-\x7E]+\z') {
        return 'it contains a space or a character that is not printable ASCII; only letters, digits and . - : [ ] are allowed'
    }
    return $null
}

function ConvertFrom-HostText {
    # A host: an RFC 1123 name, an IPv4 address, or an IPv6 address (bare or in brackets).
    param([string]$Text)
    $result = @{ ok = $false; host = $null; kind = $null; problem = $null }
    $value = Get-TrimmedText -Text $Text
    $result.problem = Get-InputProblem -Text $value
    if ($null -ne $result.problem) {
        return $result
    }
    if ($value.StartsWith('[') -and $value.EndsWith(']')) {
        $value = $value.Substring(1, $value.Length - 2)
    }
    if ($value.Contains('%')) {
        $result.problem = 'it has an IPv6 zone id (%...); give a global address or a host name'
    }
    elseif (Test-Ipv4Text -Text $value) {
        $result.ok = $true
        $result.host = $value
        $result.kind = 'ipv4'
    }
    elseif ($value.Contains(':')) {
        if (Test-Ipv6Text -Text $value) {
            $result.ok = $true
            $result.host = $value.ToLowerInvariant()
            $result.kind = 'ipv6'
        }
        else {
            $result.problem = 'it is not a valid IPv6 address'
        }
    }
    elseif ($value -cmatch '^[0-9.]+\z') {
        $result.problem = 'it looks like an IPv4 address but is not a valid one'
    }
    elseif (-not (Test-HostNameText -Text $value)) {
        $result.problem = 'it is not a valid host name (letters, digits and hyphens in dot-separated labels of at most 63 characters; no leading or trailing hyphen)'
    }
    else {
        if ($value.EndsWith('.')) {
            $value = $value.Substring(0, $value.Length - 1)
        }
        $result.ok = $true
        $result.host = $value.ToLowerInvariant()
        $result.kind = 'name'
    }
    return $result
}

function ConvertFrom-PortText {
    param([string]$Text)
    $value = Get-TrimmedText -Text $Text
    if ($value -cnotmatch '^[0-9]{1,5}\z') {
        return $null
    }
    $number = [int]$value
    if ($number -lt 1 -or $number -gt 65535) {
        return $null
    }
    return $number
}

function ConvertFrom-KmsTarget {
    # A KMS target as slmgr /skms takes it: name, name:port, 1.2.3.4[:port], [IPv6]:port or a bare
    # IPv6 address. The port stays $null when it is not given (1688 is used).
    param([string]$Text)
    $result = @{ ok = $false; host = $null; kind = $null; port = $null; problem = $null }
    $value = Get-TrimmedText -Text $Text
    $result.problem = Get-InputProblem -Text $value
    if ($null -ne $result.problem) {
        return $result
    }
    $hostPart = $value
    $portPart = $null
    if ($value.StartsWith('[')) {
        $close = $value.IndexOf(']')
        if ($close -lt 0) {
            $result.problem = 'it opens a [ without closing it'
            return $result
        }
        $hostPart = $value.Substring(0, $close + 1)
        $rest = $value.Substring($close + 1)
        if ($rest -ne '') {
            if (-not $rest.StartsWith(':')) {
                $result.problem = 'expected :port after ]'
                return $result
            }
            $portPart = $rest.Substring(1)
        }
        $parsed = ConvertFrom-HostText -Text $hostPart
        if ($parsed.ok -and $parsed.kind -ne 'ipv6') {
            $result.problem = 'only IPv6 addresses go in brackets'
            return $result
        }
    }
    else {
        $colons = $value.Length - $value.Replace(':', '').Length
        if ($colons -gt 1) {
            $parsed = ConvertFrom-HostText -Text $value
            if (-not $parsed.ok -and $value -cmatch ':[0-9]{1,5}\z' -and (Test-Ipv6Text -Text $value.Substring(0, $value.LastIndexOf(':')))) {
                $result.problem = 'write an IPv6 address with a port as [address]:port'
                return $result
            }
        }
        else {
            if ($colons -eq 1) {
                $hostPart = $value.Substring(0, $value.IndexOf(':'))
                $portPart = $value.Substring($value.IndexOf(':') + 1)
            }
            $parsed = ConvertFrom-HostText -Text $hostPart
        }
    }
    if (-not $parsed.ok) {
        $result.problem = $parsed.problem
        return $result
    }
    if ($null -ne $portPart) {
        $result.port = ConvertFrom-PortText -Text $portPart
        if ($null -eq $result.port) {
            $result.problem = 'the port must be a whole number from 1 to 65535'
            return $result
        }
    }
    $result.ok = $true
    $result.host = $parsed.host
    $result.kind = $parsed.kind
    return $result
}

function Format-KmsTarget {
    # How Activation Doctor writes a KMS target: [IPv6]:port, name:port, or the host alone.
    param($Target)
    $text = $Target.host
    if ($Target.kind -eq 'ipv6') {
        $text = '[' + $text + ']'
    }
    if ($null -ne $Target.port) {
        $text = $text + ':' + $Target.port
    }
    return $text
}

function ConvertFrom-DomainText {
    # A DNS domain for SRV lookups (corp.example), not an address.
    param([string]$Text)
    $result = @{ ok = $false; domain = $null; problem = $null }
    $value = Get-TrimmedText -Text $Text
    $result.problem = Get-InputProblem -Text $value
    if ($null -ne $result.problem) {
        return $result
    }
    if ($value.EndsWith('.')) {
        $value = $value.Substring(0, $value.Length - 1)
    }
    if ((Test-Ipv4Text -Text $value) -or $value.Contains(':')) {
        $result.problem = 'it must be a DNS domain name, not an address'
    }
    elseif (-not (Test-HostNameText -Text $value)) {
        $result.problem = 'it is not a valid DNS domain name'
    }
    else {
        $result.ok = $true
        $result.domain = $value.ToLowerInvariant()
    }
    return $result
}

function ConvertTo-CandidateHost {
    # A host name from Windows, normalised as Activation Doctor does; a value that is not a valid
    # host is kept as written (trimmed, bounded) so the check can say that it does not resolve.
    param([string]$Text)
    $parsed = ConvertFrom-HostText -Text $Text
    if ($parsed.ok) {
        return $parsed.host
    }
    $raw = Get-TrimmedText -Text $Text
    if ($raw.Length -gt 255) {
        $raw = $raw.Substring(0, 255)
    }
    return $raw
}

function Get-Printable {
    # User input echoed in a message: printable ASCII only, bounded.
    param([string]$Text)
    $clean = $Text -creplace '[^\x20-\x7E]', '?'
    if ($clean.Length -gt 60) {
        $clean = $clean.Substring(0, 60) + '...'
    }
    return $clean
}
`;
