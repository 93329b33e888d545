// Signs and verifies one message with RFC 8032's first test key, and refuses a flipped bit.
var seed = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
var message = "{\"type\":1}"u8.ToArray();
#if USE_NSEC
var algorithm = NSec.Cryptography.SignatureAlgorithm.Ed25519;
using var key = NSec.Cryptography.Key.Import(algorithm, seed, NSec.Cryptography.KeyBlobFormat.RawPrivateKey);
var signature = algorithm.Sign(key, message);
var valid = algorithm.Verify(key.PublicKey, message, signature);
signature[0] ^= 1;
var forged = algorithm.Verify(key.PublicKey, message, signature);
const string Library = "NSec";
#else
var publicKey = new byte[32];
Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.GeneratePublicKey(seed, 0, publicKey, 0);
var signature = new byte[64];
Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Sign(seed, 0, message, 0, message.Length, signature, 0);
var valid = Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Verify(signature, 0, publicKey, 0, message, 0, message.Length);
signature[0] ^= 1;
var forged = Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Verify(signature, 0, publicKey, 0, message, 0, message.Length);
const string Library = "BouncyCastle";
#endif
Console.WriteLine($"{Library}: valid={valid} forged={forged}");
return valid && !forged ? 0 : 1;
