namespace Sanxiang.Core.Ledger;

/// <summary>
/// Proof verification exactly as RFC 9162 §2.1.3.2 and §2.1.4.2 write it. Never throws on a bad proof: returns false.
/// Edge cases follow github.com/transparency-dev/merkle (whose probes the tests run): a leaf hash or proof element that
/// is not 32 bytes fails; a consistency proof from size 0 fails, even 0 → 0; equal sizes need an empty proof and equal
/// roots.
/// </summary>
public static class MerkleVerifier
{
    public static bool VerifyInclusion(
        long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        // 1. If leaf_index >= tree_size, fail.
        if (proof is null || index < 0 || size <= 0 || index >= size || leafHash.Length != MerkleHash.Size)
        {
            return false;
        }

        // 2. fn = leaf_index, sn = tree_size - 1. 3. r = hash.
        var fn = index;
        var sn = size - 1;
        var r = leafHash.ToArray();

        // 4. For each p in inclusion_path:
        foreach (var p in proof)
        {
            if (p is null || p.Length != MerkleHash.Size || sn == 0)
            {
                return false; // a. if sn is 0, stop and fail.
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                // b. r = HASH(0x01 || p || r); if LSB(fn) was not set, right-shift fn and sn until LSB(fn) is set or fn is 0.
                r = MerkleHash.Node(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = MerkleHash.Node(r, p); // otherwise r = HASH(0x01 || r || p).
            }

            // c. right-shift fn and sn once.
            fn >>= 1;
            sn >>= 1;
        }

        // 5. sn must be 0 and r must equal the root.
        return sn == 0 && root.SequenceEqual(r);
    }

    public static bool VerifyConsistency(
        long size1, long size2, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2)
    {
        if (proof is null || size1 <= 0 || size2 < size1)
        {
            return false;
        }

        if (size1 == size2)
        {
            return proof.Count == 0 && root1.SequenceEqual(root2);
        }

        // 1. An empty consistency_path fails.
        if (proof.Count == 0)
        {
            return false;
        }

        foreach (var p in proof)
        {
            if (p is null || p.Length != MerkleHash.Size)
            {
                return false;
            }
        }

        // 2. If first is an exact power of 2, prepend first_hash to the path.
        var path = proof;
        if ((size1 & (size1 - 1)) == 0)
        {
            if (root1.Length != MerkleHash.Size)
            {
                return false;
            }

            path = [root1.ToArray(), .. proof];
        }

        // 3. fn = first - 1, sn = second - 1. 4. While LSB(fn) is set, right-shift fn and sn.
        var fn = size1 - 1;
        var sn = size2 - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        // 5. fr = sr = first element.
        var fr = path[0];
        var sr = path[0];

        // 6. For each subsequent c:
        for (var i = 1; i < path.Count; i++)
        {
            var c = path[i];
            if (sn == 0)
            {
                return false; // a.
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                // b. fr = HASH(0x01 || c || fr), sr = HASH(0x01 || c || sr); if LSB(fn) not set, shift until set or fn = 0.
                fr = MerkleHash.Node(c, fr);
                sr = MerkleHash.Node(c, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                sr = MerkleHash.Node(sr, c); // otherwise sr = HASH(0x01 || sr || c).
            }

            // c. right-shift once.
            fn >>= 1;
            sn >>= 1;
        }

        // 7. fr = first_hash, sr = second_hash, sn = 0.
        return sn == 0 && root1.SequenceEqual(fr) && root2.SequenceEqual(sr);
    }
}
