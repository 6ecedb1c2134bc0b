import _CryptoExtras
import Foundation

/// Generates the RSA-2048 keypair Nova makes when a create has no public key: the private key as PKCS#1 PEM
/// (`-----BEGIN RSA PRIVATE KEY-----`), the public key as `ssh-rsa … Generated-by-Nova`.
enum KeyGenerator {
    static func rsa() throws(ComputeError) -> (publicKey: SSHPublicKey, privatePEM: String) {
        do {
            let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
            let primitives = try key.publicKey.getKeyPrimitives()
            let blob = WireWriter.string(Array("ssh-rsa".utf8)) + WireWriter.mpint(Array(primitives.publicExponent))
                + WireWriter.mpint(Array(primitives.modulus))
            return (SSHPublicKey(type: "ssh-rsa", blob: blob), key.pemRepresentation + (key.pemRepresentation.hasSuffix("\n") ? "" : "\n"))
        } catch {
            throw ComputeError(.internalError, "Key generation failed.")
        }
    }
}
