/**
 * PowerShell source of the collector script: the contact policy, a port of contactDecision and
 * classifyKmsHost (shared/kms-target.ts) rule for rule, so the script sends a packet to exactly
 * the KMS hosts the app would contact from the same facts. Its data (the sources always checked,
 * the Azure KMS hosts, the reasons' wording) is generated from the app's own tables by script.ts
 * (contactPolicySection); test/fixtures/contact-policy/hosts.json drives both sides.
 *
 * Matching is case-sensitive (-cmatch, -ceq): .NET's case-insensitive [A-Za-z] also matches the
 * Kelvin sign (U+212A), which JavaScript's does not.
 *
 * Plain text with no template placeholders: nothing from outside ever goes into it.
 */
export const PS_CONTACT_FUNCTIONS = String.raw`
# ---------------------------------------------------------------------------------------------
# Legitimate licensing only: which KMS hosts may be contacted (Activation Doctor's own rule,
# contactDecision in shared/kms-target.ts). A host that may not is recorded, never contacted.
# ---------------------------------------------------------------------------------------------

function Get-BareKmsHost {
    # Without the brackets of an IPv6 literal and without one trailing dot.
    param([string]$HostName)
    return ($HostName -creplace '^\[|\]\z', '') -creplace '\.\z', ''
}

function Test-PlainKmsHost {
    # An IP literal, or a name of ASCII letters, digits, hyphens, underscores and dots that a
    # resolver reads as a name (not 127.1, 2130706433 or 0x7f.1, which it reads as addresses).
    param([string]$HostName)
    $name = Get-BareKmsHost -HostName $HostName
    if ((Test-Ipv4Text -Text $name) -or (Test-Ipv6Text -Text $name)) {
        return $true
    }
    if ($name -cnotmatch '^[A-Za-z0-9_.-]+\z') {
        return $false
    }
    foreach ($label in $name.Split('.')) {
        if ($label -cnotmatch '^(?:[0-9]+|0[xX][0-9A-Fa-f]*)\z') {
            return $true
        }
    }
    return $false
}

function Test-InDomain {
    param([string]$HostName, [string]$Domain)
    $name = ($HostName -creplace '\.\z', '').ToLowerInvariant()
    $suffix = ($Domain -creplace '\.\z', '').ToLowerInvariant()
    return $name -ceq $suffix -or $name.EndsWith('.' + $suffix, [System.StringComparison]::Ordinal)
}

function Test-LoopbackOrLinkLocal {
    param([string]$Address)
    $lower = $Address.ToLowerInvariant()
    return $lower.StartsWith('127.', [System.StringComparison]::Ordinal) -or $lower -ceq '::1' -or $lower.StartsWith('169.254.', [System.StringComparison]::Ordinal) -or $lower.StartsWith('fe80:', [System.StringComparison]::Ordinal)
}

function Test-PrivateAddress {
    # Private, loopback and link-local addresses (isPrivateAddress in shared/inputs.ts).
    param([string]$Address)
    if (Test-Ipv4Text -Text $Address) {
        $octets = $Address.Split('.')
        $a = [int]$octets[0]
        $b = [int]$octets[1]
        return $a -eq 10 -or $a -eq 127 -or ($a -eq 172 -and $b -ge 16 -and $b -le 31) -or ($a -eq 192 -and $b -eq 168) -or ($a -eq 169 -and $b -eq 254) -or ($a -eq 100 -and $b -ge 64 -and $b -le 127)
    }
    $lower = $Address.ToLowerInvariant()
    # fc00::/7 needs a full first group (fd12:...); 'fd::1' is 00fd::1 and 'fce::1' is 0fce::1.
    return $lower -ceq '::1' -or $lower -cmatch '^f[cd][0-9a-f]{2}:' -or $lower.StartsWith('fe80', [System.StringComparison]::Ordinal)
}

function Get-KmsHostOwner {
    # 'this-computer' (loopback, link-local, localhost), 'organisation' (a private address, a
    # single-label name, a name in one of its DNS domains), 'azure' (Azure KMS) or 'outside'.
    param([string]$HostName, [string[]]$OrgDomains)
    $name = (Get-BareKmsHost -HostName $HostName).ToLowerInvariant()
    foreach ($azure in (Get-ContactPolicy).azureKmsHosts) {
        if ($name -ceq $azure) {
            return 'azure'
        }
    }
    if ($name -ceq 'localhost') {
        return 'this-computer'
    }
    if ((Test-Ipv4Text -Text $name) -or (Test-Ipv6Text -Text $name)) {
        if (Test-LoopbackOrLinkLocal -Address $name) {
            return 'this-computer'
        }
        if (Test-PrivateAddress -Address $name) {
            return 'organisation'
        }
        return 'outside'
    }
    if (-not $name.Contains('.')) {
        return 'organisation'
    }
    foreach ($domain in @($OrgDomains)) {
        if ([string]::IsNullOrEmpty($domain)) {
            continue
        }
        if (Test-InDomain -HostName $name -Domain $domain) {
            return 'organisation'
        }
    }
    return 'outside'
}

function Get-ContactDecision {
    # contact: send packets to it; otherwise reason names why not ('outside' or 'unclear').
    param([string]$HostName, [string[]]$Sources, [string[]]$OrgDomains)
    $policy = Get-ContactPolicy
    foreach ($source in @($Sources)) {
        foreach ($always in $policy.alwaysContacted) {
            if ($source -ceq $always) {
                return @{ contact = $true; reason = $null }
            }
        }
    }
    if (-not (Test-PlainKmsHost -HostName $HostName)) {
        return @{ contact = $false; reason = 'unclear' }
    }
    $owner = Get-KmsHostOwner -HostName $HostName -OrgDomains $OrgDomains
    if ($owner -ceq 'organisation' -or $owner -ceq 'azure') {
        return @{ contact = $true; reason = $null }
    }
    return @{ contact = $false; reason = 'outside' }
}

function Get-OrganisationDomain {
    # The organisation's DNS domains (organisationDomains in the app): every domain searched for
    # _vlmcs._tcp records, plus the AD domain when joined, also past the lookup limit.
    param($Config)
    $domains = New-Object -TypeName 'System.Collections.Generic.List[string]'
    foreach ($entry in $script:srvDomains.ToArray()) {
        $domains.Add($entry.domain)
    }
    if ((Test-ProbeValue -Parsed $Config) -and (($Config.partOfDomain -is [bool] -and $Config.partOfDomain) -or [string]$Config.partOfDomain -eq '1')) {
        $text = Get-Text -Value $Config.domain
        if ($null -ne $text) {
            $parsed = ConvertFrom-DomainText -Text $text
            if ($parsed.ok -and -not $domains.Contains($parsed.domain)) {
                $domains.Add($parsed.domain)
            }
        }
    }
    return $domains.ToArray()
}

function New-NotContactedCheck {
    # A KMS host that may not be contacted, as the file records it: no lookup, no attempt. An
    # older Activation Doctor without "notContacted" reads it as a name that did not resolve, with
    # the reason as its message.
    param($Candidate, [string]$Reason)
    $policy = Get-ContactPolicy
    return [ordered]@{
        host         = $Candidate.host
        port         = $Candidate.port
        sources      = @($Candidate.sources)
        notContacted = $Reason
        resolve      = [ordered]@{ addresses = @(); error = 'failed'; socketError = $null; errorCode = $null; message = $policy.reasons[$Reason] }
        attempts     = @()
        durationMs   = 0
    }
}
`;
