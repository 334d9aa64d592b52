package dev.headroom.sizing;

import java.util.List;

/** Rows of catalog/ec2-instance-facts.csv, typed in so the sizing tests need no file reader. */
final class InstanceFixtures {
    private InstanceFixtures() {}

    /** t3.medium,t3,x86_64,2,4,20,17,0.0416,29163.0,3827 */
    static final InstanceType T3_MEDIUM =
            new InstanceType("t3.medium", "t3", Arch.X86_64, 2, 4, 3827, 0.20, 17, 29163.0 / 2);

    /** t3.micro,t3,x86_64,2,1,10,4,0.0104,29069.8,904 */
    static final InstanceType T3_MICRO =
            new InstanceType("t3.micro", "t3", Arch.X86_64, 2, 1, 904, 0.10, 4, 29069.8 / 2);

    /** t4g.medium,t4g,arm64,2,4,20,17,0.0336,39179.8,3835 */
    static final InstanceType T4G_MEDIUM =
            new InstanceType("t4g.medium", "t4g", Arch.ARM64, 2, 4, 3835, 0.20, 17, 39179.8 / 2);

    /** m5.large,m5,x86_64,2,8,100,29,0.096,28469.8,7811 */
    static final InstanceType M5_LARGE =
            new InstanceType("m5.large", "m5", Arch.X86_64, 2, 8, 7811, 1.0, 29, 28469.8 / 2);

    /** m6i.large,m6i,x86_64,2,8,100,29,0.096,35055.4,7771 */
    static final InstanceType M6I_LARGE =
            new InstanceType("m6i.large", "m6i", Arch.X86_64, 2, 8, 7771, 1.0, 29, 35055.4 / 2);

    /** m6i.xlarge,m6i,x86_64,4,16,100,58,0.192,66741.8,15697 */
    static final InstanceType M6I_XLARGE =
            new InstanceType("m6i.xlarge", "m6i", Arch.X86_64, 4, 16, 15697, 1.0, 58, 66741.8 / 4);

    /** m7g.2xlarge,m7g,arm64,8,32,100,58,0.3264,199153.6,31497 */
    static final InstanceType M7G_2XLARGE =
            new InstanceType("m7g.2xlarge", "m7g", Arch.ARM64, 8, 32, 31497, 1.0, 58, 199153.6 / 8);

    static InstanceCatalog catalog() {
        return new InstanceCatalog(
                List.of(T3_MICRO, T3_MEDIUM, T4G_MEDIUM, M5_LARGE, M6I_LARGE, M6I_XLARGE, M7G_2XLARGE));
    }
}
