# closures nested 25 levels deep, each capturing its parent's variable
def level0(a0):
    def level1(a1):
        def level2(a2):
            def level3(a3):
                def level4(a4):
                    def level5(a5):
                        def level6(a6):
                            def level7(a7):
                                def level8(a8):
                                    def level9(a9):
                                        def level10(a10):
                                            def level11(a11):
                                                def level12(a12):
                                                    def level13(a13):
                                                        def level14(a14):
                                                            def level15(a15):
                                                                def level16(a16):
                                                                    def level17(a17):
                                                                        def level18(a18):
                                                                            def level19(a19):
                                                                                def level20(a20):
                                                                                    def level21(a21):
                                                                                        def level22(a22):
                                                                                            def level23(a23):
                                                                                                def level24(a24):
                                                                                                    return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 + a13 + a14 + a15 + a16 + a17 + a18 + a19 + a20 + a21 + a22 + a23 + a24
                                                                                                return level24
                                                                                            return level23
                                                                                        return level22
                                                                                    return level21
                                                                                return level20
                                                                            return level19
                                                                        return level18
                                                                    return level17
                                                                return level16
                                                            return level15
                                                        return level14
                                                    return level13
                                                return level12
                                            return level11
                                        return level10
                                    return level9
                                return level8
                            return level7
                        return level6
                    return level5
                return level4
            return level3
        return level2
    return level1
f = level0(0)
for i in range(1, 24):
    f = f(i)
print(f(24), sum(range(25)))
print(level0(100)(1)(1)(1)(1)(1)(1)(1)(1)(1)(1)(1)(1)(1)(1)(1)(1)(1)(1)(1)(1)(1)(1)(1)(1))
