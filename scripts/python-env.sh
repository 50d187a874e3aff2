# Sourced by the scripts that need Python tools: makes the repository's virtual environment (.venv, ignored by
# git) and puts it first on PATH, so `python3` is the venv's. Debian's own python3 refuses `pip install` outside
# one (PEP 668, "externally-managed-environment").
#   venv_install MODULE PACKAGE...   installs PACKAGE... unless MODULE imports already
venv_dir="$(pwd)/.venv"
if [ ! -x "$venv_dir/bin/python3" ]; then
  # Debian splits venv (and the pip it bootstraps) out of python3.
  if ! python3 -c "import ensurepip, venv" 2>/dev/null; then
    venv_sudo=""; [ "$(id -u)" -ne 0 ] && venv_sudo="sudo"
    $venv_sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $venv_sudo apt-get install -y -qq python3-venv >/dev/null
  fi
  rm -rf "$venv_dir"
  python3 -m venv "$venv_dir"
fi
export PATH="$venv_dir/bin:$PATH"
export VIRTUAL_ENV="$venv_dir"
venv_install() {
  local module=$1
  shift
  python3 -c "import $module" 2>/dev/null || python3 -m pip install -q --disable-pip-version-check "$@"
}
