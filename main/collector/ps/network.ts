/**
 * PowerShell source of the collector script: name resolution, DNS SRV, TCP and SNTP checks, done
 * from the computer the script runs on, with nothing newer than PowerShell 3.0 and .NET 4.0.
 *
 * The script records what Windows answered (addresses, SocketError names, Resolve-DnsName error
 * ids, the SNTP packets themselves); Activation Doctor turns that into results when it reads the
 * file (main/collector/network.ts), with the app's own rules: classifyConnectError and
 * summariseAttempts for TCP, decodeSntpReply for the clock offset. So both read the same way.
 *
 * Plain text with no template placeholders: nothing from outside ever goes into it.
 */
export const PS_NETWORK_FUNCTIONS = String.raw`
# ---------------------------------------------------------------------------------------------
# Clocks and small helpers
# ---------------------------------------------------------------------------------------------

# Wall clock in milliseconds since 1970, anchored once: DateTime.UtcNow only moves every ~15 ms on
# older Windows, a Stopwatch does not (621355968000000000 = ticks at 1970-01-01).
$script:clockBaseMs = ([DateTime]::UtcNow.Ticks - 621355968000000000) / 10000
$script:clock = [System.Diagnostics.Stopwatch]::StartNew()
$script:random = New-Object -TypeName 'System.Security.Cryptography.RNGCryptoServiceProvider'

function Get-UnixMs {
    return $script:clockBaseMs + $script:clock.Elapsed.TotalMilliseconds
}

function Get-ElapsedMs {
    param($Watch)
    return [Math]::Round($Watch.Elapsed.TotalMilliseconds, 1)
}

function Get-RemainingMs {
    param($Watch, [double]$TimeoutMs)
    return [Math]::Max(0, $TimeoutMs - $Watch.Elapsed.TotalMilliseconds)
}

function Get-SocketFailure {
    # What Windows said, not localized where it has a name: SocketError (ConnectionRefused,
    # TimedOut, HostNotFound, ...) and its number; the message is kept for anything else.
    param($Record)
    $failure = [ordered]@{ socketError = $null; errorCode = $null; message = $null }
    $current = $Record.Exception
    $innermost = $current
    while ($null -ne $current) {
        if ($current -is [System.Net.Sockets.SocketException]) {
            $failure.socketError = [string]$current.SocketErrorCode
            $failure.errorCode = [int]$current.ErrorCode
            $failure.message = [string]$current.Message
            return $failure
        }
        $innermost = $current
        $current = $current.InnerException
    }
    $failure.message = [string]$innermost.Message
    return $failure
}

function Test-IpLiteral {
    param([string]$Text)
    if (Test-Ipv4Text -Text $Text) {
        return $true
    }
    $address = $null
    return $Text.Contains(':') -and [System.Net.IPAddress]::TryParse($Text, [ref]$address)
}

# ---------------------------------------------------------------------------------------------
# Name resolution: the system resolver (hosts file, DNS suffixes, as the licensing service
# resolves a KMS host), started for every name at once and waited for with a time limit.
# ---------------------------------------------------------------------------------------------

$script:resolutions = @{}

function Request-HostAddress {
    param([string]$Name)
    $key = $Name.ToLowerInvariant()
    $state = $script:resolutions[$key]
    if ($null -ne $state) {
        return $state
    }
    $state = @{ name = $Name; pending = $null; result = $null }
    $script:resolutions[$key] = $state
    if (Test-IpLiteral -Text $Name) {
        # An IP address is not looked up.
        $state.result = [ordered]@{ addresses = @($Name); error = $null; socketError = $null; errorCode = $null; message = $null }
        return $state
    }
    try {
        $state.pending = [System.Net.Dns]::BeginGetHostAddresses($Name, $null, $null)
    }
    catch {
        $failure = Get-SocketFailure -Record $_
        $kind = 'failed'
        if ($null -ne $failure.socketError) {
            $kind = 'socket'
        }
        $state.result = [ordered]@{ addresses = @(); error = $kind; socketError = $failure.socketError; errorCode = $failure.errorCode; message = $failure.message }
    }
    return $state
}

function Receive-HostAddress {
    # The addresses of a name (IPv4 first, then IPv6, at most 32), or why there are none. A lookup
    # still running when the time is up is not abandoned: a later check of the same name waits on.
    param($State, [double]$TimeoutMs)
    if ($null -ne $State.result) {
        return $State.result
    }
    if (-not $State.pending.AsyncWaitHandle.WaitOne([int][Math]::Floor($TimeoutMs))) {
        return [ordered]@{ addresses = @(); error = 'timeout'; socketError = $null; errorCode = $null; message = $null }
    }
    try {
        $found = [System.Net.Dns]::EndGetHostAddresses($State.pending)
        $seen = @{}
        $addresses = New-Object -TypeName 'System.Collections.Generic.List[string]'
        foreach ($family in @('InterNetwork', 'InterNetworkV6')) {
            foreach ($address in $found) {
                $text = $address.ToString()
                if ([string]$address.AddressFamily -eq $family -and -not $seen.ContainsKey($text) -and $addresses.Count -lt 32) {
                    $seen[$text] = $true
                    $addresses.Add($text)
                }
            }
        }
        $State.result = [ordered]@{ addresses = $addresses.ToArray(); error = $null; socketError = $null; errorCode = $null; message = $null }
    }
    catch {
        $failure = Get-SocketFailure -Record $_
        $kind = 'failed'
        if ($null -ne $failure.socketError) {
            $kind = 'socket'
        }
        $State.result = [ordered]@{ addresses = @(); error = $kind; socketError = $failure.socketError; errorCode = $failure.errorCode; message = $failure.message }
    }
    return $State.result
}

# ---------------------------------------------------------------------------------------------
# DNS SRV (_vlmcs._tcp): Resolve-DnsName, which Windows 8 and Windows Server 2012 brought.
# ---------------------------------------------------------------------------------------------

function Find-KmsSrvRecord {
    param([string]$SearchDomain, [string[]]$Sources, [double]$TimeoutMs)
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $lookup = [ordered]@{
        domain     = $SearchDomain
        sources    = $Sources
        status     = 'answered'
        records    = @()
        errorId    = $null
        errorCode  = $null
        message    = $null
        durationMs = 0
    }
    try {
        # Only the answer section's SRV records: a name without any answers with its zone's SOA.
        $answers = @(Resolve-DnsName -Name ('_vlmcs._tcp.' + $SearchDomain) -Type SRV -DnsOnly -ErrorAction Stop |
                Where-Object { [string]$_.Section -eq 'Answer' -and $null -ne $_.PSObject.Properties['NameTarget'] } |
                Select-Object -First 64)
        $records = New-Object -TypeName 'System.Collections.Generic.List[object]'
        foreach ($answer in $answers) {
            $target = (([string]$answer.NameTarget).Trim() -replace '\.\z', '').ToLowerInvariant()
            if ($target.Length -gt 255) {
                $target = $target.Substring(0, 255)
            }
            $records.Add([ordered]@{ target = $target; port = [int]$answer.Port; priority = [int]$answer.Priority; weight = [int]$answer.Weight; resolve = $null })
        }
        # Every target is looked up at once, within what is left of this lookup's time.
        foreach ($record in $records) {
            if ($record.target -ne '' -and $record.target -ne '.') {
                $null = Request-HostAddress -Name $record.target
            }
        }
        foreach ($record in $records) {
            if ($record.target -ne '' -and $record.target -ne '.') {
                $record.resolve = Receive-HostAddress -State (Request-HostAddress -Name $record.target) -TimeoutMs (Get-RemainingMs -Watch $watch -TimeoutMs $TimeoutMs)
            }
        }
        $lookup.records = $records.ToArray()
    }
    catch {
        # FullyQualifiedErrorId names the DNS error (DNS_ERROR_RCODE_NAME_ERROR, ERROR_TIMEOUT, ...).
        $lookup.status = 'failed'
        $lookup.errorId = [string]$_.FullyQualifiedErrorId
        if ($_.Exception -is [System.ComponentModel.Win32Exception]) {
            $lookup.errorCode = [int]$_.Exception.NativeErrorCode
        }
        $lookup.message = [string]$_.Exception.Message
    }
    $lookup.durationMs = Get-ElapsedMs -Watch $watch
    return $lookup
}

# ---------------------------------------------------------------------------------------------
# TCP: one connect per address (TcpClient.BeginConnect with a time limit) until one answers.
# ---------------------------------------------------------------------------------------------

function Test-TcpAddress {
    param([string]$Address, [int]$Port, [double]$TimeoutMs)
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $wait = [int][Math]::Max(1, [Math]::Floor($TimeoutMs))
    $attempt = [ordered]@{ address = $Address; outcome = 'failed'; waitedMs = $wait; latencyMs = $null; socketError = $null; errorCode = $null; message = $null }
    $client = $null
    try {
        $ip = [System.Net.IPAddress]::Parse($Address)
        $client = New-Object -TypeName 'System.Net.Sockets.TcpClient' -ArgumentList $ip.AddressFamily
        $pending = $client.BeginConnect($ip, $Port, $null, $null)
        if ($pending.AsyncWaitHandle.WaitOne($wait)) {
            $client.EndConnect($pending)
            $attempt.outcome = 'open'
        }
        else {
            # Nothing came back: packets dropped on the way (a firewall) or the host is down.
            $attempt.outcome = 'timed-out'
        }
        $attempt.latencyMs = Get-ElapsedMs -Watch $watch
    }
    catch {
        $failure = Get-SocketFailure -Record $_
        $attempt.outcome = 'failed'
        $attempt.latencyMs = Get-ElapsedMs -Watch $watch
        $attempt.socketError = $failure.socketError
        $attempt.errorCode = $failure.errorCode
        $attempt.message = $failure.message
    }
    finally {
        if ($null -ne $client) {
            $client.Close()
        }
    }
    return $attempt
}

function Test-KmsHostPort {
    # The check's time limit covers the name lookup and every attempt; each address gets an equal
    # share of what is left, so one black-holed address cannot starve the next.
    param($Candidate, [double]$TimeoutMs)
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $resolution = Receive-HostAddress -State (Request-HostAddress -Name $Candidate.host) -TimeoutMs $TimeoutMs
    $attempts = New-Object -TypeName 'System.Collections.Generic.List[object]'
    $addresses = @($resolution.addresses)
    for ($i = 0; $i -lt $addresses.Count; $i++) {
        $share = (Get-RemainingMs -Watch $watch -TimeoutMs $TimeoutMs) / ($addresses.Count - $i)
        if ($share -lt 1) {
            break
        }
        $attempt = Test-TcpAddress -Address $addresses[$i] -Port $Candidate.port -TimeoutMs $share
        $attempts.Add($attempt)
        if ($attempt.outcome -eq 'open') {
            break
        }
    }
    return [ordered]@{
        host       = $Candidate.host
        port       = $Candidate.port
        sources    = @($Candidate.sources)
        resolve    = $resolution
        attempts   = $attempts.ToArray()
        durationMs = Get-ElapsedMs -Watch $watch
    }
}

# ---------------------------------------------------------------------------------------------
# SNTP (RFC 4330): one 48-byte request (first byte 0x23: version 4, client), the reply kept as it
# came, so Activation Doctor computes offset = ((T2-T1)+(T3-T4))/2 from the packets themselves.
# ---------------------------------------------------------------------------------------------

function Write-UInt32 {
    # Big-endian, without -shr (PowerShell 2.0 could not even parse a script that used it).
    param([byte[]]$Buffer, [int]$Offset, [double]$Value)
    $Buffer[$Offset] = [byte]([Math]::Floor($Value / 16777216) % 256)
    $Buffer[$Offset + 1] = [byte]([Math]::Floor($Value / 65536) % 256)
    $Buffer[$Offset + 2] = [byte]([Math]::Floor($Value / 256) % 256)
    $Buffer[$Offset + 3] = [byte]($Value % 256)
}

function Read-UInt32 {
    param([byte[]]$Buffer, [int]$Offset)
    return [double]$Buffer[$Offset] * 16777216 + [double]$Buffer[$Offset + 1] * 65536 + [double]$Buffer[$Offset + 2] * 256 + [double]$Buffer[$Offset + 3]
}

function Write-NtpTimestamp {
    # Milliseconds since 1970 as seconds since 1900 and a 32-bit fraction.
    param([byte[]]$Buffer, [int]$Offset, [double]$UnixMs)
    $total = $UnixMs / 1000 + 2208988800
    $seconds = [Math]::Floor($total)
    $fraction = [Math]::Min(4294967295, [Math]::Floor(($total - $seconds) * 4294967296))
    Write-UInt32 -Buffer $Buffer -Offset $Offset -Value ($seconds % 4294967296)
    Write-UInt32 -Buffer $Buffer -Offset ($Offset + 4) -Value $fraction
}

function Read-NtpTimestamp {
    # RFC 4330 section 3: a clear top bit of the seconds means era 1 (from 2036).
    param([byte[]]$Buffer, [int]$Offset)
    $seconds = Read-UInt32 -Buffer $Buffer -Offset $Offset
    if ($seconds -lt 2147483648) {
        $seconds += 4294967296
    }
    return ($seconds - 2208988800) * 1000 + (Read-UInt32 -Buffer $Buffer -Offset ($Offset + 4)) / 4294967296 * 1000
}

function Get-NtpReplyKind {
    # 'ignore': not the answer to our request (another packet: keep waiting); 'ok': usable;
    # 'bad': an answer that cannot be used. The same checks as decodeSntpReply in the app.
    param([byte[]]$Reply, [byte[]]$Request)
    if ($Reply.Length -lt 48) {
        return 'bad'
    }
    $mode = $Reply[0] % 8
    $version = [Math]::Floor($Reply[0] / 8) % 8
    if ($mode -ne 4 -or $version -lt 1 -or $version -gt 4) {
        return 'bad'
    }
    for ($i = 0; $i -lt 8; $i++) {
        if ($Reply[24 + $i] -ne $Request[40 + $i]) {
            return 'ignore'
        }
    }
    $transmit = 0
    for ($i = 40; $i -lt 48; $i++) {
        $transmit += $Reply[$i]
    }
    if ($transmit -eq 0 -or $Reply[1] -eq 0) {
        return 'bad'
    }
    return 'ok'
}

function Test-SntpAddress {
    param([string]$Address, [int]$Port, [double]$TimeoutMs)
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $wait = [int][Math]::Max(1, [Math]::Floor($TimeoutMs))
    $attempt = [ordered]@{ address = $Address; outcome = 'failed'; waitedMs = $wait; request = $null; reply = $null; t4UnixMs = $null; socketError = $null; errorCode = $null; message = $null }
    $udp = $null
    try {
        $ip = [System.Net.IPAddress]::Parse($Address)
        $udp = New-Object -TypeName 'System.Net.Sockets.UdpClient' -ArgumentList $ip.AddressFamily
        # Connected: Windows then only passes on datagrams from this address and port.
        $udp.Connect($ip, $Port)
        $request = New-Object -TypeName 'byte[]' -ArgumentList 48
        $request[0] = 0x23
        Write-NtpTimestamp -Buffer $request -Offset 40 -UnixMs (Get-UnixMs)
        # The lowest 16 bits of T1 (about 15 microseconds) are random, so a stale or forged reply
        # cannot echo them.
        $noise = New-Object -TypeName 'byte[]' -ArgumentList 2
        $script:random.GetBytes($noise)
        $request[46] = $noise[0]
        $request[47] = $noise[1]
        $attempt.request = [Convert]::ToBase64String($request)
        $null = $udp.Send($request, $request.Length)
        $any = [System.Net.IPAddress]::Any
        if ($ip.AddressFamily -eq [System.Net.Sockets.AddressFamily]::InterNetworkV6) {
            $any = [System.Net.IPAddress]::IPv6Any
        }
        while ($true) {
            $left = Get-RemainingMs -Watch $watch -TimeoutMs $wait
            if ($left -lt 1) {
                $attempt.outcome = 'no-answer'
                break
            }
            $udp.Client.ReceiveTimeout = [int][Math]::Ceiling($left)
            $from = New-Object -TypeName 'System.Net.IPEndPoint' -ArgumentList $any, 0
            $reply = $udp.Receive([ref]$from)
            $t4 = Get-UnixMs
            if ((Get-NtpReplyKind -Reply $reply -Request $request) -eq 'ignore') {
                continue
            }
            if ($reply.Length -gt 1024) {
                # Extension fields and keys are not needed: the header is the first 48 bytes.
                $reply = $reply[0..1023]
            }
            $attempt.outcome = 'reply'
            $attempt.reply = [Convert]::ToBase64String([byte[]]$reply)
            $attempt.t4UnixMs = $t4
            break
        }
    }
    catch {
        $failure = Get-SocketFailure -Record $_
        $attempt.socketError = $failure.socketError
        $attempt.errorCode = $failure.errorCode
        $attempt.message = $failure.message
        # TimedOut: silence. ConnectionReset: an ICMP "port unreachable" came back, the host is
        # there but runs no NTP server. Neither is an error: many KMS hosts do not serve time.
        if ($failure.socketError -eq 'TimedOut' -or $failure.socketError -eq 'ConnectionReset') {
            $attempt.outcome = 'no-answer'
        }
        else {
            $attempt.outcome = 'failed'
        }
    }
    finally {
        if ($null -ne $udp) {
            $udp.Close()
        }
    }
    return $attempt
}

function Get-NtpOffsetText {
    # For the technician's screen only; Activation Doctor computes the offset from the packets.
    param($Attempt)
    $reply = [Convert]::FromBase64String($Attempt.reply)
    $request = [Convert]::FromBase64String($Attempt.request)
    $t1 = Read-NtpTimestamp -Buffer $request -Offset 40
    $t2 = Read-NtpTimestamp -Buffer $reply -Offset 32
    $t3 = Read-NtpTimestamp -Buffer $reply -Offset 40
    $offset = (($t2 - $t1) + ($t3 - $Attempt.t4UnixMs)) / 2
    return [string]::Format([System.Globalization.CultureInfo]::InvariantCulture, 'host clock {0:+0.0;-0.0} s from this computer (stratum {1})', $offset / 1000, $reply[1])
}

function Test-TimeHost {
    param($Candidate, [int]$Port, [double]$TimeoutMs)
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $resolution = Receive-HostAddress -State (Request-HostAddress -Name $Candidate.host) -TimeoutMs $TimeoutMs
    $attempts = New-Object -TypeName 'System.Collections.Generic.List[object]'
    $addresses = @($resolution.addresses)
    for ($i = 0; $i -lt $addresses.Count; $i++) {
        $share = (Get-RemainingMs -Watch $watch -TimeoutMs $TimeoutMs) / ($addresses.Count - $i)
        if ($share -lt 1) {
            break
        }
        $attempt = Test-SntpAddress -Address $addresses[$i] -Port $Port -TimeoutMs $share
        $attempts.Add($attempt)
        if ($attempt.outcome -eq 'reply' -and (Get-NtpReplyKind -Reply ([Convert]::FromBase64String($attempt.reply)) -Request ([Convert]::FromBase64String($attempt.request))) -eq 'ok') {
            break
        }
    }
    return [ordered]@{
        host       = $Candidate.host
        port       = $Port
        resolve    = $resolution
        attempts   = $attempts.ToArray()
        durationMs = Get-ElapsedMs -Watch $watch
    }
}
`;
