"""Test PKI for the end-to-end tests, made with the openssl command line.

Root R; two intermediates I1 and I2 with the SAME subject name but different keys, both signed
by R (I1 plays the old, same-named intermediate a misconfigured server still sends); a server
certificate for 127.0.0.1 / localhost signed by I2. Every CA has critical basicConstraints
CA:TRUE, keyCertSign and key identifiers, so gcatrust's build-time checks accept R and I2.
"""

import base64
import hashlib
import json
import os
import re
import subprocess

from e2e_util import log

_OPENSSL_CNF = """\
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[v3_root]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[v3_inter]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[v3_leaf]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1,DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
"""

ROOT_SUBJECT = "/C=TW/O=gcatrust e2e/CN=gcatrust e2e Test Root"
INTER_SUBJECT = "/C=TW/O=gcatrust e2e/CN=gcatrust e2e Test Intermediate"
LEAF_SUBJECT = "/C=TW/O=gcatrust e2e/CN=127.0.0.1"

# Manifest ids of the test certificates (they name gcatrust-<id>.der).
ROOT_ID = "e2e-root"
INTER_ID = "e2e-inter"


def _openssl(*args, cwd):
    cmd = ["openssl", *args]
    res = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if res.returncode != 0:
        raise RuntimeError("openssl failed (%d): %s\n%s" % (res.returncode, " ".join(cmd), res.stderr))
    return res.stdout


def pem_to_der(pem_text):
    """DER of the first certificate in a PEM text."""
    m = re.search(r"-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", pem_text, re.S)
    if not m:
        raise ValueError("no PEM certificate found")
    return base64.b64decode("".join(m.group(1).split()))


def all_pem_ders(pem_text):
    return [base64.b64decode("".join(b.split()))
            for b in re.findall(r"-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", pem_text, re.S)]


def sha256_hex(der):
    return hashlib.sha256(der).hexdigest()


def cert_file_sha256(path):
    with open(path, "rb") as f:
        data = f.read()
    if data.lstrip().startswith(b"-----BEGIN"):
        data = pem_to_der(data.decode("ascii"))
    return sha256_hex(data)


class TestPki:
    """Creates (make) or reopens (load) the test PKI in directory d."""

    def __init__(self, d):
        self.dir = os.path.abspath(d)
        self.root = os.path.join(self.dir, "root.pem")
        self.i1 = os.path.join(self.dir, "i1.pem")
        self.i2 = os.path.join(self.dir, "i2.pem")
        self.leaf = os.path.join(self.dir, "leaf.pem")
        self.leaf_key = os.path.join(self.dir, "leaf.key")
        self.chain_good = os.path.join(self.dir, "chain-leaf-i2.pem")   # what a correct server sends
        self.chain_wrong = os.path.join(self.dir, "chain-leaf-i1.pem")  # the users' case

    def exists(self):
        return all(os.path.exists(p) for p in (self.root, self.i1, self.i2, self.leaf, self.leaf_key,
                                                self.chain_good, self.chain_wrong))

    def make(self):
        os.makedirs(self.dir, exist_ok=True)
        d = self.dir
        cnf = os.path.join(d, "openssl.cnf")
        with open(cnf, "w") as f:
            f.write(_OPENSSL_CNF)
        env_cnf = ["-config", cnf]
        for name in ("root", "i1", "i2", "leaf"):
            _openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                     "-out", name + ".key", cwd=d)
        _openssl("req", "-x509", *env_cnf, "-extensions", "v3_root", "-key", "root.key",
                 "-subj", ROOT_SUBJECT, "-sha256", "-days", "3650", "-set_serial", "0x1001",
                 "-out", "root.pem", cwd=d)
        for serial, name in ((0x2001, "i1"), (0x2002, "i2")):
            _openssl("req", "-new", *env_cnf, "-key", name + ".key", "-subj", INTER_SUBJECT,
                     "-out", name + ".csr", cwd=d)
            _openssl("x509", "-req", "-in", name + ".csr", "-CA", "root.pem", "-CAkey", "root.key",
                     "-set_serial", hex(serial), "-days", "1825", "-sha256",
                     "-extfile", cnf, "-extensions", "v3_inter", "-out", name + ".pem", cwd=d)
        _openssl("req", "-new", *env_cnf, "-key", "leaf.key", "-subj", LEAF_SUBJECT,
                 "-out", "leaf.csr", cwd=d)
        _openssl("x509", "-req", "-in", "leaf.csr", "-CA", "i2.pem", "-CAkey", "i2.key",
                 "-set_serial", "0x3001", "-days", "90", "-sha256",
                 "-extfile", cnf, "-extensions", "v3_leaf", "-out", "leaf.pem", cwd=d)
        for out, inter in ((self.chain_good, self.i2), (self.chain_wrong, self.i1)):
            with open(out, "w") as f:
                f.write(open(self.leaf).read() + open(inter).read())
        self.self_check()
        log("PKI made in %s: root %s, I1 %s, I2 %s, leaf %s" % (
            d, self.fp(self.root)[:16], self.fp(self.i1)[:16], self.fp(self.i2)[:16], self.fp(self.leaf)[:16]))
        return self

    def self_check(self):
        """openssl agrees: leaf verifies through I2, not through I1; I1 and I2 share a subject."""
        d = self.dir
        _openssl("verify", "-x509_strict", "-CAfile", "root.pem", "-untrusted", "i2.pem", "leaf.pem", cwd=d)
        bad = subprocess.run(["openssl", "verify", "-CAfile", "root.pem", "-untrusted", "i1.pem", "leaf.pem"],
                             cwd=d, capture_output=True, text=True)
        if bad.returncode == 0:
            raise RuntimeError("test PKI broken: leaf verifies through I1")
        s1 = _openssl("x509", "-in", "i1.pem", "-noout", "-subject", cwd=d)
        s2 = _openssl("x509", "-in", "i2.pem", "-noout", "-subject", cwd=d)
        if s1 != s2:
            raise RuntimeError("test PKI broken: I1 and I2 subjects differ: %r %r" % (s1, s2))

    @staticmethod
    def fp(path):
        return cert_file_sha256(path)

    def write_manifest(self, path, with_intermediate, name):
        """A gcatrust manifest (certs/README.md format) in this PKI's folder."""
        certs = [{
            "id": ROOT_ID, "name": "gcatrust e2e Test Root", "file": "root.pem", "role": "root",
            "issuer": ROOT_ID, "sha256": self.fp(self.root), "published": "https://example.invalid/root.pem",
        }]
        if with_intermediate:
            certs.append({
                "id": INTER_ID, "name": "gcatrust e2e Test Intermediate (I2)", "file": "i2.pem",
                "role": "intermediate", "issuer": ROOT_ID, "sha256": self.fp(self.i2),
                "published": "https://example.invalid/i2.pem",
            })
        with open(path, "w") as f:
            json.dump({"name": name, "certificates": certs}, f, indent=2)
            f.write("\n")
        return path
