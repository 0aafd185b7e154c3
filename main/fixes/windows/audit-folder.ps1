<#
  Activation Doctor: makes sure the audit log folder can be trusted, before every write.

  Any user can create folders in %ProgramData%. A standard user who creates ActivationDoctor first
  owns it (and can rewrite or delete the log), or makes it a junction so the elevated app writes
  somewhere else. So the folder must be: no link (reparse point), owned by SYSTEM or
  Administrators, with a protected DACL (nothing inherited from %ProgramData%) in which only
  SYSTEM and Administrators may change anything. A missing folder is created and given exactly
  that DACL at once; a folder left by an earlier version (owned by Administrators, inherited
  permissions) is given it too, if nothing inside was placed there by anyone else. Anything else
  is refused, with the reasons, and the app writes nothing.

  Parameters arrive as base64-encoded UTF-8 JSON: { "folder": "<absolute path>" }, or
  { "folder": null } for %ProgramData%\ActivationDoctor as Windows reports it (the known folder,
  not the ProgramData environment variable, which a user can redefine). Output data:
  { folder, created, repaired }. Identities are compared as SIDs, never as (localized) names.
  Windows PowerShell 5.1.
#>
param(
    [string]$ArgsBase64
)

# The shared prologue: preferences for every stream, UTF-8 output, the error envelope.
$prologuePath = [System.IO.Path]::Combine($PSScriptRoot, '_prologue.ps1')
if (-not [System.IO.File]::Exists($prologuePath)) {
    # A source checkout keeps the fix operations apart from the probes and their prologue.
    $prologuePath = [System.IO.Path]::Combine($PSScriptRoot, '..', '..', 'probes', 'windows', '_prologue.ps1')
}
. $prologuePath

# Local System and BUILTIN\Administrators.
$TrustedSids = @('S-1-5-18', 'S-1-5-32-544')
# Owner Administrators; DACL protected (P) with SYSTEM and Administrators full control, inherited by
# files and subfolders (OICI). No other entry: standard users cannot even read the log.
$ProtectedSddl = 'O:BAG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)'
# Rights that let their holder change the folder or its files: write/append data, write
# attributes, delete (the folder or children), change permissions, take ownership, generic write/all.
$ChangeRights = [int64]0x000D0156 -bor [int64]0x40000000 -bor [int64]0x10000000
$ReparsePoint = [int64][System.IO.FileAttributes]::ReparsePoint

function Test-ReparsePoint {
    param($Item)
    return (([int64]$Item.Attributes) -band $ReparsePoint) -ne 0
}

function Get-OwnerSid {
    param($Acl)
    return [string]$Acl.GetOwner([System.Security.Principal.SecurityIdentifier]).Value
}

# Why the folder cannot be trusted as it is; an empty list when it can.
function Get-AclProblems {
    param($Acl)
    $problems = @()
    $owner = Get-OwnerSid -Acl $Acl
    if ($TrustedSids -notcontains $owner) {
        $problems += ('it is owned by ' + $owner + ', not by SYSTEM or Administrators')
    }
    if (-not $Acl.AreAccessRulesProtected) {
        $problems += 'it inherits permissions from the folder above it'
    }
    foreach ($rule in $Acl.GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier])) {
        if ([string]$rule.AccessControlType -ne 'Allow') {
            continue
        }
        $sid = [string]$rule.IdentityReference.Value
        if ($TrustedSids -contains $sid) {
            continue
        }
        if ((([int64]$rule.FileSystemRights) -band $ChangeRights) -ne 0) {
            $problems += ($sid + ' may change it')
        }
    }
    return , $problems
}

# Things inside the folder that SYSTEM or Administrators did not put there.
function Get-ForeignContent {
    param([string]$Folder)
    $foreign = @()
    foreach ($child in @(Get-ChildItem -LiteralPath $Folder -Force)) {
        if (Test-ReparsePoint -Item $child) {
            $foreign += ($child.Name + ' is a link')
            continue
        }
        $owner = Get-OwnerSid -Acl (Get-Acl -LiteralPath $child.FullName)
        if ($TrustedSids -notcontains $owner) {
            $foreign += ($child.Name + ' is owned by ' + $owner)
        }
    }
    return , $foreign
}

function Set-ProtectedAcl {
    param([string]$Folder)
    $acl = Get-Acl -LiteralPath $Folder
    $acl.SetSecurityDescriptorSddlForm($ProtectedSddl)
    Set-Acl -LiteralPath $Folder -AclObject $acl
}

function Stop-Untrusted {
    param([string]$Folder, [string[]]$Reasons)
    $message = 'The audit log folder ' + $Folder + ' cannot be trusted: ' + ($Reasons -join '; ') + '. Someone may have prepared it to redirect or rewrite the log. Delete the folder as an administrator, then run the fix again.'
    throw (New-Object -TypeName System.UnauthorizedAccessException -ArgumentList $message)
}

$result = $null
try {
    $json = [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ArgsBase64))
    $request = $json | ConvertFrom-Json
    $folder = [string]$request.folder
    if ($null -eq $request.folder) {
        $programData = [Environment]::GetFolderPath('CommonApplicationData')
        $folder = Join-Path -Path $programData -ChildPath 'ActivationDoctor'
    }
    if (-not [System.IO.Path]::IsPathRooted($folder)) {
        throw (New-Object -TypeName System.ArgumentException -ArgumentList ('The audit log folder must be an absolute path: ' + $folder))
    }

    $created = $false
    $repaired = $false
    if (-not (Test-Path -LiteralPath $folder)) {
        $null = New-Item -ItemType Directory -Path $folder
        Set-ProtectedAcl -Folder $folder
        $created = $true
    }
    $item = Get-Item -LiteralPath $folder -Force
    if (Test-ReparsePoint -Item $item) {
        Stop-Untrusted -Folder $folder -Reasons @('it is a link (reparse point) to another place')
    }
    if (-not $item.PSIsContainer) {
        Stop-Untrusted -Folder $folder -Reasons @('it is a file, not a folder')
    }
    $problems = Get-AclProblems -Acl (Get-Acl -LiteralPath $folder)
    if ($problems.Count -gt 0 -and -not $created) {
        # Left by an earlier version: repairable only if an administrator made it.
        $owner = Get-OwnerSid -Acl (Get-Acl -LiteralPath $folder)
        if ($TrustedSids -notcontains $owner) {
            Stop-Untrusted -Folder $folder -Reasons $problems
        }
        Set-ProtectedAcl -Folder $folder
        $repaired = $true
        $problems = Get-AclProblems -Acl (Get-Acl -LiteralPath $folder)
    }
    if ($problems.Count -gt 0) {
        Stop-Untrusted -Folder $folder -Reasons $problems
    }
    # Whatever was placed inside before the DACL was protected (the moment between creating the
    # folder and protecting it, or an earlier version's open folder) must not be used.
    $foreign = Get-ForeignContent -Folder $folder
    if ($foreign.Count -gt 0) {
        Stop-Untrusted -Folder $folder -Reasons $foreign
    }
    $result = @{ ok = $true; data = @{ folder = $folder; created = $created; repaired = $repaired } }
}
catch {
    # An UnauthorizedAccessException (an untrusted folder) becomes kind 'access-denied'.
    $result = New-ErrorResult -Record $_
}
$result | ConvertTo-Json -Depth 4 -Compress
