#Requires -Version 5.1
<#
.SYNOPSIS
Installs Element Desktop for this Windows user and points it at this Matrix
homeserver.

.DESCRIPTION
Downloads Element's installer, checks its Authenticode signature before
running it, installs Element Desktop for the current user (no administrator
rights needed) and writes Element's config.json with the homeserver and the
themes. Running it again changes nothing that is already in place.

AXION_ELEMENT_DOWNLOAD_BASE replaces the package server's base URL.
#>
[CmdletBinding()]
param()

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
# Windows PowerShell 5.1 downloads many times slower while it draws a
# progress bar.
$ProgressPreference = 'SilentlyContinue'

$Brand = @@BRAND@@
$HomeserverUrl = @@HOMESERVER_URL@@
$DefaultTheme = @@DEFAULT_THEME@@
$SignerText = @@WINDOWS_SIGNER@@
$DownloadBase = @@DOWNLOAD_BASE@@
if ($env:AXION_ELEMENT_DOWNLOAD_BASE) {
    $DownloadBase = $env:AXION_ELEMENT_DOWNLOAD_BASE
}

$ElementConfigJson = @'
@@ELEMENT_CONFIG_JSON@@
'@

$script:Changes = 0

function Write-Changed([string]$Message) {
    $script:Changes++
    Write-Host "changed: $Message"
}

function Write-Unchanged([string]$Message) {
    Write-Host "unchanged: $Message"
}

# Plain HTTP is accepted only for a test server on this machine.
function Assert-DownloadBase {
    $local = '^http://(127\.0\.0\.1|localhost)(:[0-9]+)?(/|$)'
    if ($DownloadBase -notmatch '^https://' -and $DownloadBase -notmatch $local) {
        throw "invalid download base '$DownloadBase': use an https:// URL"
    }
}

# Stops unless Windows reports the file's Authenticode signature valid and
# the signing certificate's subject contains $SignerText.
# NOTE: the default text 'Element' assumes that Element's code signing
# certificate names Element in its subject; no current installer was
# checked from this repository.
function Assert-InstallerSignature([string]$Path) {
    $signature = Get-AuthenticodeSignature -LiteralPath $Path
    if ($signature.Status -ne 'Valid') {
        throw "the Element installer's Authenticode signature is $($signature.Status); nothing was installed"
    }
    $subject = $signature.SignerCertificate.Subject
    if ($subject -notlike "*$SignerText*") {
        throw "the Element installer is signed by '$subject', which does not contain '$SignerText'; nothing was installed"
    }
    Write-Host "verified: Authenticode signature of the installer ($subject)"
}

# NOTE: the per-user install folder %LOCALAPPDATA%\element-desktop is the
# one Element's Squirrel installer uses; it has not been checked on Windows
# from this repository.
function Install-ElementDesktop {
    $updateExe = Join-Path $env:LOCALAPPDATA 'element-desktop\Update.exe'
    if (Test-Path -LiteralPath $updateExe) {
        Write-Unchanged 'Element Desktop is already installed for this user and updates itself'
        return
    }
    Assert-DownloadBase

    $installer = Join-Path ([System.IO.Path]::GetTempPath()) ("element-setup-{0}.exe" -f [guid]::NewGuid())
    try {
        $url = "$DownloadBase/desktop/install/win32/x64/Element%20Setup.exe"
        Invoke-WebRequest -UseBasicParsing -Uri $url -OutFile $installer
        Assert-InstallerSignature $installer

        $process = Start-Process -FilePath $installer -ArgumentList '--silent' -Wait -PassThru
        if ($process.ExitCode -ne 0) {
            throw "the Element installer failed with exit code $($process.ExitCode)"
        }
        Write-Changed "installed Element Desktop for this user in $(Split-Path $updateExe)"
    }
    finally {
        Remove-Item -LiteralPath $installer -ErrorAction SilentlyContinue
    }
}

# Writes %APPDATA%\Element\config.json unless it already has this content.
# A different file is kept as a backup.
function Install-ElementConfig {
    $directory = Join-Path $env:APPDATA 'Element'
    $target = Join-Path $directory 'config.json'
    $wanted = ($ElementConfigJson -replace "`r`n", "`n") + "`n"

    if (Test-Path -LiteralPath $target) {
        $current = [System.IO.File]::ReadAllText($target) -replace "`r`n", "`n"
        if ($current -eq $wanted) {
            Write-Unchanged "$target already points at $HomeserverUrl"
            return
        }
        $backup = "$target.before-setup-$(Get-Date -Format 'yyyyMMddHHmmss')"
        Copy-Item -LiteralPath $target -Destination $backup
        Write-Changed "kept the previous config.json as $backup"
    }

    New-Item -ItemType Directory -Force -Path $directory | Out-Null
    # Element Desktop parses config.json as JSON, which rejects a byte order
    # mark, so the file is written as UTF-8 without one.
    $encoding = New-Object System.Text.UTF8Encoding($false)
    [System.IO.File]::WriteAllText($target, $wanted, $encoding)
    Write-Changed "wrote $target (homeserver $HomeserverUrl, theme $DefaultTheme)"
}

Install-ElementDesktop
Install-ElementConfig
if ($script:Changes -eq 0) {
    Write-Host "Element Desktop was already set up for $Brand; nothing changed."
}
else {
    Write-Host "Element Desktop is set up for $Brand ($($script:Changes) changes)."
}
