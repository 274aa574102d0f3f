#!/bin/sh
# PowerShell 7 from this folder's .NET tool manifest (dotnet-tools.json), for the real-tools tests:
# XPMIGRATE_POWERSHELL points here, so the product starts it exactly as it starts powershell.exe.
# `dotnet tool run` finds the manifest from the current folder: go there, and give PowerShell the
# caller's folder back as its working directory.
here=$(pwd)
cd "$(dirname "$0")" && exec dotnet tool run pwsh -- -WorkingDirectory "$here" "$@"
